package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Server}: ports test_server.py and test_events.py's create_server cases. */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class ServerTest {

    /** The server side's protocols, in accept order. */
    static final class Accepted {
        final List<RecordingProtocol> protocols = new ArrayList<>();

        RecordingProtocol make() {
            RecordingProtocol p = new RecordingProtocol();
            protocols.add(p);
            return p;
        }

        /** Suspends until {@code n} connections were accepted and made. */
        RecordingProtocol await(int index) {
            while (protocols.size() <= index) {
                Asyncio.sleep(0);
            }
            protocols.get(index).made.await();
            return protocols.get(index);
        }
    }

    /** Ports test_server.py BaseStartServer.test_start_server_1: serveForever until cancelled. */
    @Test
    void startServerServeForeverUntilCancelled() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withStartServing(false));
            assertFalse(srv.isServing());
            assertEquals(1, srv.sockets().size());
            Task<Void> forever = Asyncio.createTask(() -> {
                srv.serveForever();
                return null;
            });
            Asyncio.sleep(0);
            assertTrue(srv.isServing());
            IllegalStateException twice = assertThrows(IllegalStateException.class, srv::serveForever);
            assertTrue(twice.getMessage().contains("already being awaited on serveForever()"), twice.getMessage());
            Connection<Transport, RecordingProtocol> c =
                    loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
            c.transport().write("hi");
            c.protocol().awaitBytes(2);
            c.transport().close();
            c.protocol().lost.await();
            forever.cancel();
            assertThrows(CancelledError.class, forever::await);
            assertFalse(srv.isServing());
            assertEquals(List.of(), srv.sockets());
            IllegalStateException closed = assertThrows(IllegalStateException.class, srv::serveForever);
            assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
            assertThrows(IllegalStateException.class, srv::startServing);
            return null;
        });
    }

    /** Ports test_server.py TestServer2.test_wait_closed_basic. */
    @Test
    void waitClosedBasic() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Accepted accepted = new Accepted();
            Server srv = loop.createServer(accepted::make, "127.0.0.1", 0);
            try {
                // active count = 0, not closed: should block
                Task<Void> task1 = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
                Asyncio.sleep(0);
                assertFalse(task1.done());
                // active count != 0, not closed: should block
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
                accepted.await(0);
                Task<Void> task2 = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
                Asyncio.sleep(0);
                assertFalse(task1.done());
                assertFalse(task2.done());
                srv.close();
                Asyncio.sleep(0);
                // active count != 0, closed: should block
                Task<Void> task3 = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
                Asyncio.sleep(0);
                assertFalse(task1.done() || task2.done() || task3.done());
                // the accepted connection still works after the server closed
                accepted.protocols.get(0).transport.write("still served");
                c.protocol().awaitBytes(12);
                c.transport().close();
                // active count == 0, closed: should unblock
                task1.await();
                task2.await();
                task3.await();
                srv.waitClosed(); // returns at once
                assertEquals(1, accepted.protocols.get(0).lostCalls);
            } finally {
                srv.close();
            }
            return null;
        });
    }

    /** Ports test_server.py TestServer2.test_wait_closed_race. */
    @Test
    void waitClosedRace() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Accepted accepted = new Accepted();
            Server srv = loop.createServer(accepted::make, "127.0.0.1", 0);
            Task<Void> task = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
            Asyncio.sleep(0);
            assertFalse(task.done());
            Connection<Transport, RecordingProtocol> c =
                    loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
            accepted.await(0);
            loop.callSoon(srv::close);
            loop.callSoon(() -> accepted.protocols.get(0).transport.close());
            srv.waitClosed();
            task.await();
            c.protocol().lost.await();
            return null;
        });
    }

    /** Ports test_server.py TestServer2.test_close_clients: server close while clients are connected. */
    @Test
    void closeClients() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Accepted accepted = new Accepted();
            Server srv = loop.createServer(accepted::make, "127.0.0.1", 0);
            List<Connection<Transport, RecordingProtocol>> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv)));
                accepted.await(i);
            }
            Task<Void> task = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
            Asyncio.sleep(0);
            assertFalse(task.done());
            srv.close();
            srv.closeClients();
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            assertTrue(task.done());
            for (Connection<Transport, RecordingProtocol> c : clients) {
                c.protocol().eof.await();
                assertNull(c.protocol().lost.await());
            }
            return null;
        });
    }

    /** Ports test_server.py TestServer2.test_abort_clients: even with data buffered, abort is immediate. */
    @Test
    void abortClients() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Accepted accepted = new Accepted();
            Server srv = loop.createServer(accepted::make, "127.0.0.1", 0);
            Connection<Transport, RecordingProtocol> c =
                    loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
            c.transport().pauseReading();
            RecordingProtocol sp = accepted.await(0);
            sp.transport.write(new byte[8 * 1024 * 1024]);
            assertNotEquals(0, sp.transport.getWriteBufferSize());
            Task<Void> task = Asyncio.createTask(() -> { srv.waitClosed(); return null; });
            Asyncio.sleep(0);
            assertFalse(task.done());
            srv.close();
            srv.abortClients();
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            assertTrue(task.done());
            c.transport().abort();
            c.protocol().lost.await();
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_server_dual_stack: host null listens everywhere. */
    @Test
    void nullHostListensOnEveryInterface() {
        boolean ipv6 = hasIpv6Loopback();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(EchoProtocol::new, null, 0)) {
                assertEquals(1, srv.sockets().size());
                assertTrue(NetTesting.address(srv.sockets().get(0)).getAddress().isAnyLocalAddress());
                for (String host : ipv6 ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1")) {
                    Connection<Transport, RecordingProtocol> c =
                            loop.createConnection(RecordingProtocol::new, host, port(srv));
                    c.transport().write("x");
                    c.protocol().awaitBytes(1);
                    c.transport().close();
                    c.protocol().lost.await();
                }
            }
            return null;
        });
    }

    /** Ports test_server.py BaseStartServer.test_start_server_1's ending: closing the server ends serveForever. */
    @Test
    void closingTheServerEndsServeForever() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0);
            Task<Void> forever = Asyncio.createTask(() -> {
                srv.serveForever();
                return null;
            });
            Asyncio.sleep(0);
            srv.close();
            assertThrows(CancelledError.class, forever::await);
            srv.waitClosed();
            return null;
        });
    }

    /** asyncio's create_server(host=[...]): one server, a socket per address, each accepting. */
    @Test
    void severalAddresses() {
        boolean ipv6 = hasIpv6Loopback();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<SocketAddress> where = new ArrayList<>();
            where.add(new InetSocketAddress("127.0.0.1", 0));
            where.add(InetSocketAddress.createUnresolved("127.0.0.1", 0));
            if (ipv6) {
                where.add(InetSocketAddress.createUnresolved("::1", 0));
            }
            try (Server srv = loop.createServer(EchoProtocol::new, where, ServerOptions.DEFAULT)) {
                assertEquals(where.size(), srv.sockets().size());
                for (ServerSocketChannel s : srv.sockets()) {
                    InetSocketAddress a = NetTesting.address(s);
                    String host = a.getAddress() instanceof Inet6Address ? "::1" : "127.0.0.1";
                    Connection<Transport, RecordingProtocol> c =
                            loop.createConnection(RecordingProtocol::new, host, a.getPort());
                    c.transport().write("x");
                    c.protocol().awaitBytes(1);
                    c.transport().close();
                    c.protocol().lost.await();
                }
            }
            return null;
        });
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_create_server_reuse_port: with SO_REUSEPORT
     * two loops, on two threads, listen on one port, and both serve it.
     */
    @Test
    void reusePortLetsTwoLoopsShareAPort() throws Exception {
        ServerOptions reuse = ServerOptions.DEFAULT.withReusePort(true);
        java.util.concurrent.CompletableFuture<Integer> portOfFirst = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> stop = new java.util.concurrent.CompletableFuture<>();
        Thread other = Thread.ofPlatform().start(() -> Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server first = loop.createServer(EchoProtocol::new, "127.0.0.1", 0, reuse)) {
                portOfFirst.complete(port(first));
                Asyncio.await(stop);
            } catch (Throwable e) {
                portOfFirst.completeExceptionally(e);
            }
            return null;
        }));
        try {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                int p = Asyncio.await(portOfFirst);
                // Without SO_REUSEPORT the bind fails with a clear error naming the address.
                Exception e = assertThrows(Exception.class,
                        () -> loop.createServer(EchoProtocol::new, "127.0.0.1", p));
                assertInstanceOf(BindException.class, e);
                assertTrue(e.getMessage().contains("127.0.0.1:" + p), e.getMessage());
                try (Server second = loop.createServer(EchoProtocol::new, "127.0.0.1", p, reuse)) {
                    assertEquals(p, port(second));
                    for (int i = 0; i < 8; i++) {
                        Connection<Transport, RecordingProtocol> c =
                                loop.createConnection(RecordingProtocol::new, "127.0.0.1", p);
                        c.transport().write("x");
                        c.protocol().awaitBytes(1);
                        c.transport().close();
                        c.protocol().lost.await();
                    }
                }
                return null;
            });
        } finally {
            stop.complete(null);
            other.join();
        }
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_server_reuse_port's option checks. */
    @Test
    void socketOptions() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server plain = loop.createServer(EchoProtocol::new, "127.0.0.1", 0);
                 Server shared = loop.createServer(EchoProtocol::new, "127.0.0.1", 0,
                         ServerOptions.DEFAULT.withReusePort(true))) {
                ServerSocketChannel p = plain.sockets().get(0);
                assertTrue(p.getOption(java.net.StandardSocketOptions.SO_REUSEADDR), "asyncio's default on POSIX");
                assertFalse(p.getOption(java.net.StandardSocketOptions.SO_REUSEPORT));
                assertTrue(shared.sockets().get(0).getOption(java.net.StandardSocketOptions.SO_REUSEPORT));
                assertFalse(p.isBlocking());
            }
            return null;
        });
    }

    /** The accept loop takes up to {@code backlog} connections per wake-up (selector_events._accept_connection). */
    @Test
    void manyPendingConnectionsAreAllAccepted() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Accepted accepted = new Accepted();
            try (Server srv = loop.createServer(accepted::make, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withBacklog(5).withStartServing(false))) {
                List<java.nio.channels.SocketChannel> raw = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    loop.sockConnect(ch, NetTesting.address(srv.sockets().get(0)));
                    raw.add(ch);
                }
                assertTrue(accepted.protocols.isEmpty(), "not accepting before startServing()");
                srv.startServing();
                srv.startServing();
                accepted.await(4);
                assertEquals(5, accepted.protocols.size());
                for (java.nio.channels.SocketChannel ch : raw) {
                    ch.close();
                }
                for (RecordingProtocol p : accepted.protocols) {
                    p.lost.await();
                }
            }
            return null;
        });
    }

    /** A protocol factory that fails is reported and the connection dropped; the server goes on. */
    @Test
    void failingProtocolFactoryIsReported() {
        List<java.util.Map<String, Object>> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("no protocol today");
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int[] calls = {0};
            try (Server srv = loop.createServer(() -> {
                if (calls[0]++ == 0) {
                    throw boom;
                }
                return new EchoProtocol();
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> first =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
                first.protocol().lost.await();
                Connection<Transport, RecordingProtocol> second =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(srv));
                second.transport().write("ok");
                second.protocol().awaitBytes(2);
                second.transport().close();
                second.protocol().lost.await();
            }
            return null;
        });
        assertEquals(1, errors.size());
        assertEquals("Error on transport creation for incoming connection", errors.get(0).get("message"));
        assertSame(boom, errors.get(0).get("exception"));
    }

    static boolean hasIpv6Loopback() {
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.INET6)) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
