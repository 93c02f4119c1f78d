package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * createConnection's failures are clear: java.net exceptions naming the address (test_events.py
 * test_create_connection_... error cases, test_base_events.py test_create_connection_multiple_errors).
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class ConnectErrorsTest {

    private static int closedPort() throws Exception {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return NetTesting.address(probe).getPort();
        }
    }

    /** Connection refused: a ConnectException with the address in its message. */
    @Test
    void connectionRefusedNamesTheAddress() throws Exception {
        int port = closedPort();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Exception e = assertThrows(Exception.class,
                    () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", port));
            assertInstanceOf(ConnectException.class, e);
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
            assertInstanceOf(ConnectException.class, e.getCause(), "the JDK's own error is the cause");
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    /**
     * A name with several addresses that all refuse: one error if they all say the same thing
     * (asyncio's create_connection rule).
     */
    @Test
    void everyAddressRefusedGivesOneError() throws Exception {
        int port = closedPort();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Exception e = assertThrows(Exception.class,
                    () -> loop.createConnection(RecordingProtocol::new, "localhost", port));
            assertInstanceOf(ConnectException.class, e);
            assertTrue(e.getMessage().contains(":" + port), e.getMessage());
            return null;
        });
    }

    /** An unknown host: UnknownHostException (asyncio's socket.gaierror). */
    @Test
    void unknownHost() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Exception e = assertThrows(Exception.class,
                    () -> loop.createConnection(RecordingProtocol::new, "nonexistent.invalid", 80));
            assertInstanceOf(UnknownHostException.class, e);
            assertTrue(e.getMessage().contains("nonexistent.invalid"), e.getMessage());
            return null;
        });
    }

    /** An unreachable Unix socket (no such file): a ConnectException naming the path. */
    @Test
    void unreachableUnixSocket() throws Exception {
        Path missing = Files.createTempDirectory("asyncio4j").resolve("nobody-listens.sock");
        try {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Exception e = assertThrows(Exception.class,
                        () -> loop.createUnixConnection(RecordingProtocol::new, missing, ConnectOptions.DEFAULT));
                assertInstanceOf(ConnectException.class, e);
                assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
                NetTesting.assertNoIoLeft(loop);
                return null;
            });
        } finally {
            Files.delete(missing.getParent());
        }
    }

    /** A bad literal address is refused before any I/O. */
    @Test
    void invalidLiteralAddress() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.createConnection(RecordingProtocol::new, "::zz::", 80));
            assertTrue(e.getMessage().contains("::zz::"), e.getMessage());
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_connection_local_addr_in_use. */
    @Test
    void localAddressInUse() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                InetSocketAddress taken = NetTesting.address(srv.sockets().get(0));
                Exception e = assertThrows(Exception.class, () -> loop.createConnection(RecordingProtocol::new,
                        "127.0.0.1", taken.getPort(), ConnectOptions.DEFAULT.withLocalAddress(taken)));
                assertInstanceOf(java.net.BindException.class, e);
                assertTrue(e.getMessage().contains(taken.toString()), e.getMessage());
                assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_server_close: a closed server refuses connections. */
    @Test
    void closedServerRefusesConnections() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createServer(EchoProtocol::new, "0.0.0.0", 0);
            int port = NetTesting.port(srv);
            assertEquals("0.0.0.0", NetTesting.address(srv.sockets().get(0)).getAddress().getHostAddress());
            Connection<Transport, RecordingProtocol> c = loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
            c.transport().write("xxx");
            c.protocol().awaitBytes(3);
            c.transport().close();
            c.protocol().lost.await();
            srv.close();
            Exception e = assertThrows(Exception.class,
                    () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", port));
            assertInstanceOf(ConnectException.class, e);
            srv.waitClosed();
            return null;
        });
    }

    /**
     * Ports test_base_events.py test_create_connection_ssl_timeout_for_plain_socket,
     * test_create_server_ssl_timeout_for_plain_socket and the server_hostname check: TLS options
     * without TLS are refused before any I/O.
     */
    @Test
    void tlsOptionsWithoutTlsAreRefused() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", 9,
                            ConnectOptions.DEFAULT.withSslHandshakeTimeout(1.0)));
            assertEquals("sslHandshakeTimeout is only meaningful with ssl", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> loop.createConnection(RecordingProtocol::new, "127.0.0.1", 9,
                            ConnectOptions.DEFAULT.withServerHostname("example.com")));
            assertEquals("serverHostname is only meaningful with ssl", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> loop.createServer(EchoProtocol::new, "127.0.0.1", 0,
                            new ServerOptions(100, null, true, false, true, null, 5.0)));
            assertEquals("sslShutdownTimeout is only meaningful with ssl", e.getMessage());
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    /**
     * Cancelling a connect in progress (test_base_events.py test_create_connection_timeout's
     * cleanup) closes the half-open channel and leaves nothing registered. 10.255.255.1 does not
     * answer, so the connect waits; where the network says "unreachable" at once the error is a
     * ConnectException instead, and the cleanup is checked all the same.
     */
    @Test
    void cancelledConnectLeavesNothingBehind() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            io.asyncio4j.Task<Object> t = Asyncio.createTask(() ->
                    loop.createConnection(RecordingProtocol::new, "10.255.255.1", 9));
            for (int i = 0; i < 3; i++) {
                Asyncio.sleep(0);
            }
            t.cancel();
            try {
                t.await();
                fail("connected to a blackhole address");
            } catch (io.asyncio4j.CancelledError expected) {
                assertTrue(t.cancelled());
            } catch (Exception unreachable) {
                assertInstanceOf(ConnectException.class, unreachable);
                assertTrue(unreachable.getMessage().contains("10.255.255.1"), unreachable.getMessage());
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }
}
