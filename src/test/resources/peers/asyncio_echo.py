"""A CPython asyncio peer for asyncio4j's interop tests.

    asyncio_echo.py server            echo server on 127.0.0.1, prints "PORT <n>", runs until stdin closes
    asyncio_echo.py client PORT SIZE  sends SIZE bytes, half-closes, checks the echo, prints "OK <n>"
"""
import asyncio
import sys


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def eof_received(self):
        # Returning False closes the transport once the echo is flushed: the peer sees EOF.
        return False

    def connection_lost(self, exc):
        pass


async def serve():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, '127.0.0.1', 0)
    print('PORT', server.sockets[0].getsockname()[1], flush=True)
    # Run until the test closes our stdin.
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()
    await server.wait_closed()


async def client(port, size):
    payload = bytes(i % 251 for i in range(size))
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(payload)
    await writer.drain()
    writer.write_eof()
    echoed = await reader.read()
    writer.close()
    await writer.wait_closed()
    if echoed != payload:
        print('MISMATCH', len(echoed), flush=True)
        return 1
    print('OK', len(echoed), flush=True)
    return 0


if __name__ == '__main__':
    if sys.argv[1] == 'server':
        asyncio.run(serve())
    else:
        sys.exit(asyncio.run(client(int(sys.argv[2]), int(sys.argv[3]))))
