"""A CPython asyncio streams peer for asyncio4j's stream interop tests.

    asyncio_streams_peer.py server       line server on 127.0.0.1: prints "PORT <n>"; for each line
                                         answers "ECHO <LINE UPPER-CASED>"; "BYE" -> "BYE" + close;
                                         "BLOB <n>" -> n bytes then "\r\nEND\r\n"; runs until stdin closes
    asyncio_streams_peer.py client PORT  talks the same protocol to PORT, checks the answers and
                                         prints "OK" (exit 0) or the first mismatch (exit 1)
"""
import asyncio
import sys


def blob(n):
    return bytes(i % 251 for i in range(n))


async def handle(reader, writer):
    async for line in reader:
        cmd = line.rstrip(b'\r\n')
        if cmd == b'BYE':
            writer.write(b'BYE\n')
            await writer.drain()
            break
        if cmd.startswith(b'BLOB '):
            writer.write(blob(int(cmd[5:])) + b'\r\nEND\r\n')
        else:
            writer.write(b'ECHO ' + cmd.upper() + b'\n')
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def serve():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    print('PORT', server.sockets[0].getsockname()[1], flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    server.close()
    await server.wait_closed()


async def client(port):
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    checks = []
    writer.write(b'hello\n')
    await writer.drain()
    checks.append((await reader.readline(), b'ECHO HELLO\n'))
    writer.writelines([b'two ', b'parts\n'])
    checks.append((await reader.readuntil(b'\n'), b'ECHO TWO PARTS\n'))
    writer.write(b'BLOB 100000\n')
    checks.append((await reader.readexactly(100000), blob(100000)))
    checks.append((await reader.readuntil(b'END\r\n'), b'\r\nEND\r\n'))
    writer.write(b'BYE\n')
    checks.append((await reader.read(), b'BYE\n'))
    writer.close()
    await writer.wait_closed()
    for got, want in checks:
        if got != want:
            print('MISMATCH', got[:40], want[:40], flush=True)
            return 1
    print('OK', flush=True)
    return 0


if __name__ == '__main__':
    if sys.argv[1] == 'server':
        asyncio.run(serve())
    else:
        sys.exit(asyncio.run(client(int(sys.argv[2]))))
