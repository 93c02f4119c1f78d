package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One conformance suite for every stream transport family (Trio's check_two_way_stream idea):
 * the same behaviours over TCP and over Unix domain sockets.
 */
class StreamConformanceTest {

    /** How to listen and connect for one family. */
    enum Family {
        TCP {
            @Override
            Server listen(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory) {
                return loop.createServer(factory, "127.0.0.1", 0);
            }

            @Override
            <P extends BaseProtocol<Transport>> Connection<Transport, P> connect(EventLoop loop, Supplier<P> factory,
                                                                                Server server) {
                return loop.createConnection(factory, "127.0.0.1", NetTesting.port(server));
            }
        },
        UNIX {
            @Override
            Server listen(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory) {
                // Off the loop: creating a temporary directory reads SecureRandom (/dev/urandom).
                Path dir = Asyncio.toThread(() -> {
                    Path d = Files.createTempDirectory("asyncio4j-conf");
                    d.toFile().deleteOnExit();
                    return d;
                });
                return loop.createUnixServer(factory, dir.resolve("s.sock"), ServerOptions.DEFAULT);
            }

            @Override
            <P extends BaseProtocol<Transport>> Connection<Transport, P> connect(EventLoop loop, Supplier<P> factory,
                                                                                Server server) {
                try {
                    Path path = ((java.net.UnixDomainSocketAddress) server.sockets().get(0).getLocalAddress()).getPath();
                    return loop.createUnixConnection(factory, path, ConnectOptions.DEFAULT);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };

        abstract Server listen(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory);

        abstract <P extends BaseProtocol<Transport>> Connection<Transport, P> connect(EventLoop loop, Supplier<P> factory,
                                                                                     Server server);
    }

    private static void closeServer(Server srv) {
        List<java.nio.file.Path> dirs = new ArrayList<>();
        for (var s : srv.sockets()) {
            try {
                if (s.getLocalAddress() instanceof java.net.UnixDomainSocketAddress u) {
                    dirs.add(u.getPath().getParent());
                }
            } catch (java.io.IOException ignored) {
                // closed already
            }
        }
        srv.close();
        srv.waitClosed();
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (java.io.IOException ignored) {
                // best effort
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void bulkEchoBothWays(Family family) {
        int size = 2 * 1024 * 1024 + 3;
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = family.listen(loop, EchoProtocol::new);
            try {
                Connection<Transport, RecordingProtocol> c = family.connect(loop, RecordingProtocol::new, srv);
                byte[] data = new byte[size];
                for (int i = 0; i < size; i++) {
                    data[i] = (byte) (i * 7);
                }
                c.transport().write(data);
                c.transport().writeEof();
                assertNull(c.protocol().lost.await());
                assertArrayEquals(data, c.protocol().received.toByteArray());
                assertEquals(List.of("made", "data", "eof", "lost"), c.protocol().events);
            } finally {
                closeServer(srv);
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void halfCloseBothDirections(Family family) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ServerTest.Accepted accepted = new ServerTest.Accepted();
            Server srv = family.listen(loop, () -> {
                RecordingProtocol p = accepted.make();
                p.keepOpenOnEof = true;
                return p;
            });
            try {
                Connection<Transport, RecordingProtocol> c = family.connect(loop, () -> {
                    RecordingProtocol p = new RecordingProtocol();
                    p.keepOpenOnEof = true;
                    return p;
                }, srv);
                RecordingProtocol sp = accepted.await(0);
                c.transport().write("c2s");
                c.transport().writeEof();
                sp.eof.await();
                sp.transport.write("s2c");
                sp.transport.writeEof();
                c.protocol().eof.await();
                assertEquals("c2s", sp.text());
                assertEquals("s2c", c.protocol().text());
                assertFalse(c.transport().isClosing());
                assertFalse(sp.transport.isClosing());
                c.transport().close();
                sp.transport.close();
                assertNull(c.protocol().lost.await());
                assertNull(sp.lost.await());
            } finally {
                closeServer(srv);
            }
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void slowReaderBoundsTheWriter(Family family) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ServerTest.Accepted accepted = new ServerTest.Accepted();
            Server srv = family.listen(loop, accepted::make);
            try {
                Connection<Transport, RecordingProtocol> c = family.connect(loop, RecordingProtocol::new, srv);
                RecordingProtocol sp = accepted.await(0);
                sp.transport.pauseReading();
                Transport t = c.transport();
                byte[] chunk = new byte[8 * 1024];
                long sent = 0;
                int maxBuffered = 0;
                while (c.protocol().pauseCalls == 0) {
                    t.write(chunk);
                    sent += chunk.length;
                    maxBuffered = Math.max(maxBuffered, t.getWriteBufferSize());
                    Asyncio.sleep(0);
                }
                assertTrue(maxBuffered <= t.getWriteBufferHighLimit() + chunk.length, "bounded: " + maxBuffered);
                sp.transport.resumeReading();
                c.protocol().awaitResumed();
                sp.awaitBytes((int) sent);
                assertEquals(sent, sp.received.size());
                t.close();
                c.protocol().lost.await();
            } finally {
                closeServer(srv);
            }
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void manyConnectionsLeaveNoRegistrationBehind(Family family) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = family.listen(loop, EchoProtocol::new);
            try {
                for (int round = 0; round < 10; round++) {
                    List<Task<Void>> batch = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        batch.add(Asyncio.createTask(() -> {
                            Connection<Transport, RecordingProtocol> c = family.connect(loop, RecordingProtocol::new, srv);
                            c.transport().write("x");
                            c.protocol().awaitBytes(1);
                            c.transport().abort();
                            c.protocol().lost.await();
                            return null;
                        }));
                    }
                    Asyncio.gather(batch).await();
                }
                srv.close();
                srv.closeClients();
            } finally {
                closeServer(srv);
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
    }
}
