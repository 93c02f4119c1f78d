"""Echo server peer for the echo suite: asyncio Protocol or Streams, on asyncio or uvloop.

Usage: echo_server.py --port P [--mode protocol|streams] [--uvloop] [--certfile C --keyfile K]
Listens on 127.0.0.1 until killed (SIGTERM/SIGINT). Every connection echoes what it reads.
With --certfile/--keyfile (PEM) it speaks TLS 1.3 only (the tls suite); the cipher suite is
the one the client offers (Python cannot restrict TLS 1.3 suites on the server).
"""
import argparse
import asyncio
import signal
import socket
import ssl


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
            data = await reader.read(102400)  # vmbench's size
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def tls_context(certfile, keyfile):
    """Server context: TLS 1.3 only, the benchmark's self-signed certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(certfile, keyfile)
    return context


async def serve(port, mode, context):
    loop = asyncio.get_running_loop()
    if mode == "protocol":
        server = await loop.create_server(EchoProtocol, "127.0.0.1", port, backlog=1024, ssl=context)
    else:
        server = await asyncio.start_server(echo_stream, "127.0.0.1", port, backlog=1024, ssl=context)
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
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    args = parser.parse_args()
    context = tls_context(args.certfile, args.keyfile) if args.certfile else None
    if args.uvloop:
        import uvloop  # Debian: apt-get install -y python3-uvloop (run with /usr/bin/python3)
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(serve(args.port, args.mode, context))
    finally:
        loop.close()


if __name__ == "__main__":
    main()
