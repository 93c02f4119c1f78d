package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.internal.net.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS over real loopback sockets between asyncio4j peers: createConnection/createServer/
 * connectAcceptedSocket with {@code ssl}. Ports cases of CPython's test_ssl.py as cited.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsSocketTest {

    private static ConnectOptions clientOptions() {
        return ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost");
    }

    /** A protocol that answers each chunk with "roger" and logs its calls, as test_ssl.py MyProto. */
    static final class RogerProtocol implements Protocol {
        final EventLoop loop = Asyncio.getRunningLoop();
        final List<String> events = new ArrayList<>();
        final Future<Throwable> lost = loop.createFuture();
        Transport transport;
        int nbytes;

        @Override
        public void connectionMade(Transport t) {
            events.add("made");
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            nbytes += data.remaining();
            transport.write("roger");
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
            lost.setResult(exc);
        }
    }

    /**
     * Ports test_ssl.py test_ssl_handshake_connection_lost (#246): the server drops the
     * connection mid-handshake; createConnection fails and the protocol hears nothing.
     */
    @Test
    void sslHandshakeConnectionLost() {
        List<java.util.Map<String, Object>> errors = new ArrayList<>();
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> serverLost = loop.createFuture();
            try (Server srv = loop.createServer(() -> new Protocol() {
                Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    transport.close();      // got the ClientHello: break the connection
                }

                @Override
                public void connectionLost(Throwable exc) {
                    serverLost.setResult(null);
                }
            }, "127.0.0.1", 0)) {
                RogerProtocol proto = new RogerProtocol();
                assertThrows(SocketException.class,
                        () -> loop.createConnection(() -> proto, "127.0.0.1", port(srv), clientOptions()));
                Asyncio.sleep(0);
                Asyncio.sleep(0);
                assertEquals(List.of(), proto.events, "no connectionMade, no connectionLost");
            }
            serverLost.await();
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    /** Ports test_ssl.py test_ssl_connect_accepted_socket: TLS server side on an accepted channel. */
    @Test
    void sslConnectAcceptedSocket() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (ServerSocketChannel lsock = ServerSocketChannel.open()) {
                lsock.bind(new InetSocketAddress("127.0.0.1", 0));
                lsock.configureBlocking(false);
                int port = ((InetSocketAddress) lsock.getLocalAddress()).getPort();
                Task<String> client = Asyncio.createTask(() -> {
                    Future<String> response = loop.createFuture();
                    Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                        @Override
                        public void dataReceived(ByteBuffer data) {
                            response.setResult(StandardCharsets.US_ASCII.decode(data).toString());
                        }
                    }, "127.0.0.1", port, clientOptions());
                    c.transport().write("test data");
                    String r = response.await();
                    c.transport().close();
                    return r;
                });
                SocketChannel conn = loop.sockAccept(lsock);
                RogerProtocol proto = new RogerProtocol();
                Connection<Transport, RogerProtocol> server = loop.connectAcceptedSocket(() -> proto, conn,
                        ConnectOptions.DEFAULT.withSsl(TestCerts.serverContext()).withSslHandshakeTimeout(10));
                assertEquals("roger", client.await());
                assertNull(proto.lost.await());
                assertEquals(List.of("made", "lost"), proto.events);
                assertEquals("test data".length(), proto.nbytes);
                assertTrue(server.transport().getClass().getSimpleName().contains("Ssl"), server.transport().toString());
            }
            return null;
        });
    }

    /**
     * Ports the idea of test_ssl.py test_create_connection_memory_leak: many TLS connections
     * opened, used and closed leave no selector registration behind.
     */
    @Test
    void manyTlsConnectionsLeaveNothingBehind() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RogerProtocol> served = new ArrayList<>();
            try (Server srv = loop.createServer(() -> {
                RogerProtocol p = new RogerProtocol();
                served.add(p);
                return p;
            }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()))) {
                List<Task<String>> clients = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    clients.add(Asyncio.createTask(() -> {
                        Future<String> response = loop.createFuture();
                        Future<Throwable> lost = loop.createFuture();
                        Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                            @Override
                            public void dataReceived(ByteBuffer data) {
                                response.setResult(StandardCharsets.US_ASCII.decode(data).toString());
                            }

                            @Override
                            public void connectionLost(Throwable exc) {
                                lost.setResult(exc);
                            }
                        }, "127.0.0.1", port(srv), clientOptions());
                        c.transport().write("x");
                        String r = response.await();
                        c.transport().close();
                        assertNull(lost.await());
                        return r;
                    }));
                }
                for (Task<String> t : clients) {
                    assertEquals("roger", t.await());
                }
            }
            assertEquals(20, served.size());
            for (RogerProtocol p : served) {
                assertNull(p.lost.await(), "a clean close_notify exchange");
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    /** Ports test_ssl.py test_ssl_handshake_timeout: a server that accepts and never answers. */
    @Test
    void handshakeTimeoutOnSilentServer() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server silent = loop.createServer(() -> new Protocol() { }, "127.0.0.1", 0)) {
                ConnectOptions opts = clientOptions().withSslHandshakeTimeout(0.2);
                TimeoutError e = assertThrows(TimeoutError.class,
                        () -> loop.createConnection(TlsOpensslTest.LineProtocol::new, "127.0.0.1", port(silent), opts));
                assertTrue(e.getMessage().contains("SSL handshake is taking longer than 0.2 seconds"), e.getMessage());
            }
            return null;
        });
    }

    /** Our client and our server over a real socket, 1 MiB each way (test_ssl.py test_create_server_ssl_1). */
    @Test
    void ourClientAgainstOurServer() {
        byte[] payload = new byte[1024 * 1024];
        new java.util.Random(7).nextBytes(payload);
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<byte[]> serverGot = loop.createFuture();
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            try (Server srv = loop.createServer(() -> new Protocol() {
                Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    buf.writeBytes(b);
                    transport.write(b);
                    if (buf.size() == payload.length) {
                        serverGot.setResult(buf.toByteArray());
                    }
                }
            }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()))) {
                java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
                Future<Void> allBack = loop.createFuture();
                Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        byte[] b = new byte[data.remaining()];
                        data.get(b);
                        back.writeBytes(b);
                        if (back.size() == payload.length) {
                            allBack.setResult(null);
                        }
                    }
                }, "127.0.0.1", port(srv), clientOptions());
                c.transport().write(payload);
                assertArrayEquals(payload, serverGot.await());
                allBack.await();
                assertArrayEquals(payload, back.toByteArray());
                c.transport().close();
            }
            return null;
        });
    }
}
