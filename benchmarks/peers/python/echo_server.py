"""Echo server peer for the echo suite: asyncio Protocol or Streams, on asyncio or uvloop.

Usage: echo_server.py --port P [--mode protocol|streams] [--uvloop]
Listens on 127.0.0.1 until killed (SIGTERM/SIGINT). Every connection echoes what it reads.
"""
import argparse
import asyncio
import signal
import socket


class EchoProtocol(asyncio.Protocol):
    """Writes every chunk back; relies on the transport's buffering (as vmbench's protocol server)."""

    def connection_made(self, transport):
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def connection_lost(self, exc):
        self.transport = None


async def echo_stream(reader, writer):
    """Streams variant: read a chunk, write it, drain."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def serve(port, mode):
    loop = asyncio.get_running_loop()
    if mode == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", port, backlog=1024)
    else:
        server = await asyncio.start_server(echo_stream, "127.0.0.1", port, backlog=1024)
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with server:
        await stop


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=["protocol", "streams"], default="protocol")
    parser.add_argument("--uvloop", action="store_true")
    args = parser.parse_args()
    if args.uvloop:
        import uvloop  # Debian: apt-get install -y python3-uvloop (run with /usr/bin/python3)
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(serve(args.port, args.mode))
    finally:
        loop.close()


if __name__ == "__main__":
    main()
