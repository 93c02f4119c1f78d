package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopConfig;
import io.asyncio4j.internal.loop.BaseLoop;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.testing.VirtualTimeLoop;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The server's accept loop under errors: out of descriptors (EMFILE) and similar errors make it
 * log once, stop accepting for asyncio's {@code ACCEPT_RETRY_DELAY} (1 s) and then accept the
 * connection that waited; other errors are logged without stopping. Real sockets over
 * 127.0.0.1 on a virtual-time loop (the retry delay passes at once); the error is injected
 * through {@link TcpServer#setAcceptor}. {@link AcceptEmfileChildJvmTest} checks the same with a
 * real EMFILE.
 */
@Timeout(60)
@LoopConfig(checkLeaks = true)
class AcceptBackoffTest {
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    private EventLoop loop;
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private final List<Double> errorTimes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        loop = VirtualTimeLoop.create();
        loop.setExceptionHandler((l, ctx) -> {
            errors.add(ctx);
            errorTimes.add(l.time());
        });
    }

    @AfterEach
    void tearDown() {
        loop.close();
    }

    /** A server whose protocol greets and records when each connection was made. */
    private TcpServer server(List<Double> madeAt, int backlog) {
        return (TcpServer) loop.createServer(() -> new Protocol() {
            @Override
            public void connectionMade(Transport t) {
                madeAt.add(loop.time());
                t.write(java.nio.ByteBuffer.wrap("hi\n".getBytes(StandardCharsets.UTF_8)));
            }
        }, "127.0.0.1", 0, ServerOptions.DEFAULT.withBacklog(backlog).withStartServing(false));
    }

    private static int port(TcpServer s) throws IOException {
        return ((InetSocketAddress) s.sockets().get(0).getLocalAddress()).getPort();
    }

    /** Suspends the current task until {@code list} has {@code n} entries (real events). */
    private static void awaitSize(List<?> list, int n) {
        while (list.size() < n) {
            Asyncio.sleep(0.001);
        }
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_accept_connection_exception (EMFILE: the
     * error is logged, the listening socket is neither closed nor read until
     * ACCEPT_RETRY_DELAY later) and checks the end to end: the connection that waited is then
     * accepted and served. ENFILE, ENOBUFS and ENOMEM are treated alike, as in asyncio.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Too many open files", "Too many open files in system", "No buffer space available",
            "Cannot allocate memory"})
    void acceptConnectionException(String error) {
        List<Double> madeAt = new ArrayList<>();
        int[] accepts = {0};
        IOException injected = new IOException(error);
        loop.runUntilComplete(() -> {
            TcpServer server = server(madeAt, 100);
            ServerSocketChannel listener = server.sockets().get(0);
            server.setAcceptor(s -> {
                accepts[0]++;
                if (accepts[0] == 1) {
                    throw injected;
                }
                return s.accept();
            });
            server.startServing();
            StreamPair client = Asyncio.openConnection("127.0.0.1", port(server));
            awaitSize(errors, 1);
            // The listener stays readable: without the back-off every iteration would accept again.
            for (int i = 0; i < 50; i++) {
                Asyncio.sleep(0);
            }
            Asyncio.sleep(ACCEPT_RETRY_DELAY / 2);
            assertEquals(1, accepts[0], "accept() called during the back-off");
            assertEquals(List.of(), madeAt);
            assertTrue(listener.isOpen(), "the listening socket must not be closed");
            assertTrue(server.isServing());

            assertEquals("hi\n", new String(client.reader().readline(), StandardCharsets.UTF_8));
            assertEquals(1, madeAt.size());
            assertTrue(madeAt.get(0) - errorTimes.get(0) >= ACCEPT_RETRY_DELAY,
                    "accepted " + (madeAt.get(0) - errorTimes.get(0)) + " s after the error");
            Map<String, Object> ctx = errors.get(0);
            assertEquals("socket.accept() out of system resource", ctx.get("message"));
            assertSame(injected, ctx.get("exception"));
            assertSame(listener, ctx.get("socket"));

            // Accepting works as before afterwards, with no further delay.
            StreamPair second = Asyncio.openConnection("127.0.0.1", port(server));
            assertEquals("hi\n", new String(second.reader().readline(), StandardCharsets.UTF_8));
            assertEquals(1, errors.size());
            client.writer().close();
            second.writer().close();
            server.close();
            server.closeClients();
            server.waitClosed();
            return null;
        });
    }

    /**
     * Makes the first accept fail with {@code injected}, connects one client and waits until it is
     * served; {@code descriptorsLeft} stands in for the probe for a free descriptor. Fills
     * {@code madeAt}, {@link #errors} and {@link #errorTimes}.
     */
    private void firstAcceptFails(IOException injected, boolean descriptorsLeft, List<Double> madeAt) {
        int[] accepts = {0};
        loop.runUntilComplete(() -> {
            TcpServer server = server(madeAt, 100);
            server.setDescriptorProbe(() -> descriptorsLeft);
            server.setAcceptor(s -> {
                if (++accepts[0] == 1) {
                    throw injected;
                }
                return s.accept();
            });
            server.startServing();
            StreamPair client = Asyncio.openConnection("127.0.0.1", port(server));
            assertEquals("hi\n", new String(client.reader().readline(), StandardCharsets.UTF_8));
            client.writer().close();
            server.close();
            server.closeClients();
            server.waitClosed();
            return null;
        });
        assertEquals(1, errors.size());
        assertSame(injected, errors.get(0).get("exception"));
    }

    /**
     * Other accept errors are reported (asyncio re-raises them into the loop's handler) but do
     * not stop the server: the next connection is accepted at once.
     */
    @Test
    void otherAcceptErrorIsLoggedAndAcceptingGoesOn() {
        List<Double> madeAt = new ArrayList<>();
        firstAcceptFails(new IOException("Protocol error"), true, madeAt);
        assertEquals("Error accepting a connection", errors.get(0).get("message"));
        assertEquals(errorTimes.get(0), madeAt.get(0), 1e-9, "no back-off for other errors");
    }

    /**
     * The C library may word EMFILE in another language: an unrecognised accept error counts as
     * out of resources when no descriptor can be opened (the probe is injected here;
     * {@link AcceptEmfileChildJvmTest} runs out for real).
     */
    @Test
    void localisedEmfileDetectedByProbe() {
        List<Double> madeAt = new ArrayList<>();
        firstAcceptFails(new IOException("Trop de fichiers ouverts"), false, madeAt);
        assertEquals("socket.accept() out of system resource", errors.get(0).get("message"));
        assertTrue(madeAt.get(0) - errorTimes.get(0) >= ACCEPT_RETRY_DELAY, "backed off");
    }

    /** Closing the server during the back-off: the retry does not re-register the closed socket. */
    @Test
    void closeDuringBackoff() {
        List<Double> madeAt = new ArrayList<>();
        loop.runUntilComplete(() -> {
            BaseLoop base = (BaseLoop) loop;
            TcpServer server = server(madeAt, 100);
            server.setAcceptor(s -> {
                throw new IOException("Too many open files");
            });
            server.startServing();
            StreamPair client = Asyncio.openConnection("127.0.0.1", port(server));
            awaitSize(errors, 1);
            server.close();
            server.waitClosed();
            int registrations = base.ioRegistrations();
            Asyncio.sleep(ACCEPT_RETRY_DELAY * 3);
            assertEquals(1, errors.size(), "no accept after close: " + errors);
            // At most the client's own registration went away (the kernel resets the queued connection).
            assertTrue(base.ioRegistrations() <= registrations, "the retry re-registered the closed listener");
            assertEquals(List.of(), server.sockets());
            assertFalse(server.isServing());
            assertEquals(List.of(), madeAt);
            client.writer().close();
            return null;
        });
    }

    /**
     * Ports test_selector_events.py BaseSelectorEventLoopTests.test_accept_connection_multiple: one
     * wake-up of the listening socket accepts at most {@code backlog} connections, then the loop
     * runs other callbacks before the rest are accepted; all of them are served.
     */
    @Test
    void acceptConnectionMultiple() {
        List<Double> madeAt = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int backlog = 2;
        loop.runUntilComplete(() -> {
            TcpServer server = server(madeAt, backlog);
            server.setAcceptor(s -> {
                var conn = s.accept();
                log.add(conn != null ? "accept" : "none");
                loop.callSoon(() -> log.add("tick"));
                return conn;
            });
            List<StreamPair> clients = new ArrayList<>();
            // The kernel queues backlog + 1 established connections before the server accepts.
            for (int i = 0; i < backlog + 1; i++) {
                clients.add(Asyncio.openConnection("127.0.0.1", port(server)));
            }
            server.startServing();
            for (StreamPair c : clients) {
                assertEquals("hi\n", new String(c.reader().readline(), StandardCharsets.UTF_8));
            }
            assertEquals(List.of("accept", "accept", "tick"), log.subList(0, 3), log.toString());
            assertEquals(backlog + 1, log.stream().filter("accept"::equals).count());
            assertEquals(backlog + 1, madeAt.size());
            assertEquals(List.of(), errors);
            for (StreamPair c : clients) {
                c.writer().close();
            }
            server.close();
            server.closeClients();
            server.waitClosed();
            return null;
        });
    }
}
