package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/** asyncio's sock_* coroutines on NIO channels: ports test_sock_lowlevel.py. */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class SockLowLevelTest {

    private static SocketChannel nonBlocking(StandardProtocolFamily family) throws java.io.IOException {
        SocketChannel ch = SocketChannel.open(family);
        ch.configureBlocking(false);
        return ch;
    }

    private static void clientOps(EventLoop loop, SocketChannel sock, java.net.SocketAddress address) throws Exception {
        loop.sockConnect(sock, address);
        loop.sockSendall(sock, ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes()));
        ByteBuffer data = ByteBuffer.allocate(18);
        while (data.hasRemaining()) {
            ByteBuffer part = loop.sockRecv(sock, data.remaining());
            assertTrue(part.hasRemaining(), "no EOF before the echo is complete");
            data.put(part);
        }
        assertEquals("GET / HTTP/1.0\r\n\r\n", new String(data.array()));
        // recv_into
        loop.sockSendall(sock, ByteBuffer.wrap("0123456789".getBytes()));
        ByteBuffer into = ByteBuffer.allocate(10);
        while (into.hasRemaining()) {
            assertTrue(loop.sockRecvInto(sock, into) > 0);
        }
        assertEquals("0123456789", new String(into.array()));
        assertEquals(0, loop.sockRecvInto(sock, ByteBuffer.allocate(0)), "no room, nothing read");
        sock.shutdownOutput();
        assertEquals(0, loop.sockRecv(sock, 100).remaining(), "EOF reads as empty");
        assertEquals(0, loop.sockRecvInto(sock, ByteBuffer.allocate(4)), "EOF reads as 0");
        sock.close();
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_sock_client_ops. */
    @Test
    void sockClientOps() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                clientOps(loop, nonBlocking(StandardProtocolFamily.INET), new InetSocketAddress("127.0.0.1", port(srv)));
                // an unresolved address is looked up first
                clientOps(loop, nonBlocking(StandardProtocolFamily.INET),
                        InetSocketAddress.createUnresolved("127.0.0.1", port(srv)));
                try (SocketChannel blocking = SocketChannel.open()) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> loop.sockRecv(blocking, 1));
                    assertTrue(e.getMessage().contains("non-blocking"), e.getMessage());
                }
            }
            return null;
        });
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_unix_sock_client_ops. */
    @Test
    void unixSockClientOps() throws Exception {
        Path dir = Files.createTempDirectory("asyncio4j");
        Path path = dir.resolve("s.sock");
        try {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                try (Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT)) {
                    clientOps(loop, nonBlocking(StandardProtocolFamily.UNIX), UnixDomainSocketAddress.of(path));
                }
                return null;
            });
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_huge_content and test_huge_content_recvinto. */
    @Test
    void hugeContent() {
        int size = 16 * 1024 * 1024;
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                SocketChannel client = nonBlocking(StandardProtocolFamily.INET);
                Task<Void> connect = Asyncio.createTask(() -> {
                    loop.sockConnect(client, NetTesting.address(listener));
                    return null;
                });
                SocketChannel server = loop.sockAccept(listener);
                connect.await();
                ByteBuffer data = ByteBuffer.allocate(size);
                for (int i = 0; i < size; i++) {
                    data.put(i, (byte) (i * 31));
                }
                Task<Void> sender = Asyncio.createTask(() -> {
                    loop.sockSendall(client, data);
                    client.shutdownOutput();
                    return null;
                });
                ByteBuffer got = ByteBuffer.allocate(size + 1);
                long total = 0;
                while (true) {
                    int n = loop.sockRecvInto(server, got);
                    if (n == 0) {
                        break;
                    }
                    total += n;
                }
                sender.await();
                assertFalse(data.hasRemaining());
                assertEquals(size, total);
                got.flip();
                data.rewind();
                assertEquals(data, got);
                server.close();
                client.close();
            }
            return null;
        });
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_sock_client_fail: the error names the address. */
    @Test
    void sockClientFail() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int port;
            try (ServerSocketChannel probe = ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                port = NetTesting.address(probe).getPort();
            }
            SocketChannel sock = nonBlocking(StandardProtocolFamily.INET);
            Exception e = assertThrows(Exception.class,
                    () -> loop.sockConnect(sock, new InetSocketAddress("127.0.0.1", port)));
            assertInstanceOf(ConnectException.class, e);
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            sock.close();
            return null;
        });
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_sock_accept. */
    @Test
    void sockAccept() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                SocketChannel client = nonBlocking(StandardProtocolFamily.INET);
                Task<Void> connect = Asyncio.createTask(() -> {
                    loop.sockConnect(client, NetTesting.address(listener));
                    return null;
                });
                SocketChannel conn = loop.sockAccept(listener);
                connect.await();
                assertFalse(conn.isBlocking());
                assertEquals(client.getLocalAddress(), conn.getRemoteAddress());
                conn.close();
                client.close();
            }
            return null;
        });
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_cancel_sock_accept: nothing stays registered. */
    @Test
    void cancelSockAccept() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                Task<SocketChannel> accept = Asyncio.createTask(() -> loop.sockAccept(listener));
                Asyncio.sleep(0);
                accept.cancel();
                assertThrows(CancelledError.class, accept::await);
                assertFalse(loop.removeReader(listener), "the reader went with the cancelled accept");
                // the channel is still usable
                SocketChannel client = nonBlocking(StandardProtocolFamily.INET);
                Task<SocketChannel> again = Asyncio.createTask(() -> loop.sockAccept(listener));
                loop.sockConnect(client, NetTesting.address(listener));
                again.await().close();
                client.close();
            }
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_prompt_cancellation: a pending sockRecv cancels at once. */
    @Test
    void promptCancellationOfSockRecv() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                SocketChannel w = nonBlocking(StandardProtocolFamily.INET);
                Task<Void> connect = Asyncio.createTask(() -> {
                    loop.sockConnect(w, NetTesting.address(listener));
                    return null;
                });
                SocketChannel r = loop.sockAccept(listener);
                connect.await();
                Task<ByteBuffer> f = Asyncio.createTask(() -> loop.sockRecv(r, 1));
                loop.callSoon(f::cancel);
                String res;
                try {
                    f.await();
                    res = null;
                } catch (CancelledError e) {
                    res = "cancelled";
                }
                assertEquals("cancelled", res);
                assertThrows(CancelledError.class, f::result);
                assertFalse(loop.removeReader(r), "the cancelled recv left no reader");
                // the channel still works
                loop.sockSendall(w, ByteBuffer.wrap(new byte[] {42}));
                assertEquals(42, loop.sockRecv(r, 1).get());
                r.close();
                w.close();
            }
            return null;
        });
    }

    /** asyncio's loop.getaddrinfo/getnameinfo run off the loop's thread. */
    @Test
    void getaddrinfoAndGetnameinfo() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<InetSocketAddress> all = loop.getaddrinfo("localhost", 80);
            assertFalse(all.isEmpty());
            for (InetSocketAddress a : all) {
                assertTrue(a.getAddress().isLoopbackAddress(), a.toString());
                assertEquals(80, a.getPort());
            }
            assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1)),
                    loop.getaddrinfo("127.0.0.1", 1));
            Exception e = assertThrows(Exception.class, () -> loop.getaddrinfo("nonexistent.invalid", 80));
            assertInstanceOf(java.net.UnknownHostException.class, e);
            assertThrows(IllegalArgumentException.class, () -> loop.getaddrinfo("localhost", 70000));
            String name = loop.getnameinfo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80));
            assertFalse(name.isEmpty());
            return null;
        });
    }

    /**
     * Ports test_sock_lowlevel.py BaseSockTestsMixin.test_create_connection_sock: a socket
     * connected with sockConnect becomes a transport (asyncio's create_connection(sock=); in
     * Java connectAcceptedSocket wraps any connected channel, and without TLS the two are the same).
     */
    @Test
    void connectedSockBecomesATransport() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                SocketChannel sock = nonBlocking(StandardProtocolFamily.INET);
                loop.sockConnect(sock, new InetSocketAddress("127.0.0.1", port(srv)));
                RecordingProtocol pr = new RecordingProtocol();
                Connection<Transport, RecordingProtocol> c = loop.connectAcceptedSocket(() -> pr, sock,
                        ConnectOptions.DEFAULT);
                assertSame(pr, c.protocol());
                c.transport().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                pr.awaitBytes(18);
                assertEquals("GET / HTTP/1.0\r\n\r\n", pr.text());
                c.transport().close();
                pr.lost.await();
            }
            return null;
        });
    }
}
