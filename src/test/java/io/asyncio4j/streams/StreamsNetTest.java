package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ports test_streams.py's open_connection/start_server cases, over real sockets on 127.0.0.1. */
@Timeout(60)
class StreamsNetTest {
    static final int LIMIT = Streams.DEFAULT_LIMIT;

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Runs on a real loop and fails if the loop's exception handler fired. */
    static void run(Coroutine0 body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Asyncio.run(() -> {
            getRunningLoop().setExceptionHandler((l, ctx) -> errors.add(ctx));
            body.run();
            return null;
        });
        assertEquals(List.of(), errors);
    }

    @FunctionalInterface
    interface Coroutine0 {
        void run() throws Exception;
    }

    static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    }

    /** The line echo handler of test_start_server (MyServer.handle_client). */
    static void echoLine(StreamReader reader, StreamWriter writer) {
        byte[] line = reader.readline();
        writer.write(line);
        writer.drain();
        writer.close();
        writer.waitClosed();
    }

    /** test_start_server and test_open_connection: start_server's callback runs as a task per client. */
    @Test
    void startServerAndOpenConnection() {
        run(() -> {
            Server server = startServer(StreamsNetTest::echoLine, "127.0.0.1", 0);
            int port = port(server);
            for (int i = 0; i < 3; i++) {
                StreamPair c = openConnection("127.0.0.1", port);
                c.writer().write("hello world " + i + "!\n");
                assertEquals("hello world " + i + "!\n", s(c.reader().readline()));
                assertEquals(0, c.reader().read().length, "server closed after answering");
                assertTrue(c.reader().atEof());
                InetSocketAddress peer = (InetSocketAddress) c.writer().getExtraInfo("peername");
                assertEquals(port, peer.getPort());
                assertNotNull(c.writer().getExtraInfo("sockname"));
                c.writer().close();
                c.writer().waitClosed();
                assertTrue(c.writer().isClosing());
            }
            server.close();
            server.waitClosed();
            assertFalse(server.isServing());
        });
    }

    /** test_start_unix_server and test_open_unix_connection. */
    @Test
    void unixServerAndConnection(@TempDir Path dir) {
        run(() -> {
            Path sock = dir.resolve("s.sock");
            Server server = startUnixServer(StreamsNetTest::echoLine, sock);
            StreamPair c = openUnixConnection(sock);
            c.writer().write("over unix\n");
            assertEquals("over unix\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    /** test_open_connection_error: a refused connection raises the connect error. */
    @Test
    void openConnectionRefused() throws IOException {
        int port;
        try (var tmp = java.nio.channels.ServerSocketChannel.open()) {
            tmp.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) tmp.getLocalAddress()).getPort();
        }
        run(() -> {
            Exception e = assertThrows(Exception.class, () -> openConnection("127.0.0.1", port));
            assertInstanceOf(java.net.ConnectException.class, e);
        });
    }

    /** The limit given to startServer reaches each connection's reader (test_readline_limit over a socket). */
    @Test
    void serverReaderLimit() {
        run(() -> {
            List<String> seen = new ArrayList<>();
            Server server = Streams.startServer((r, w) -> {
                assertEquals(8, r.limit());
                try {
                    r.readline();
                } catch (IllegalArgumentException e) {
                    seen.add("too long");
                }
                seen.add(s(r.readline()));
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, 8);
            StreamPair c = Streams.openConnection("127.0.0.1", port(server), ConnectOptions.DEFAULT, 8);
            c.writer().write("way too long line\nok\n");
            assertEquals(0, c.reader().read().length);
            assertEquals(List.of("too long", "ok\n"), seen);
            c.writer().close();
            server.close();
            server.waitClosed();
            assertThrows(IllegalArgumentException.class,
                    () -> Streams.startServer(StreamsNetTest::echoLine, "127.0.0.1", 0, ServerOptions.DEFAULT, 0));
        });
    }

    /** test_drain_raises: after the peer resets the connection, drain() raises the reset promptly. */
    @Test
    void drainRaisesAfterPeerReset() {
        run(() -> {
            Future<Void> accepted = getRunningLoop().createFuture();
            Server server = startServer((r, w) -> {
                // SO_LINGER 0 makes the close a reset (RST), like a crashed peer.
                SocketChannel ch = (SocketChannel) w.getExtraInfo("socket");
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                w.transport().abort();
                accepted.setResult(null);
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            accepted.await();
            byte[] chunk = new byte[64 * 1024];
            Exception failure = null;
            for (int i = 0; i < 10_000 && failure == null; i++) {
                try {
                    c.writer().write(chunk);
                    c.writer().drain();
                } catch (Exception e) {
                    failure = e;
                }
            }
            assertNotNull(failure, "drain never raised after the reset");
            assertInstanceOf(IOException.class, failure);
            assertTrue(c.writer().isClosing());
            server.close();
            server.waitClosed();
        });
    }

    /**
     * A slow reader keeps the writer's memory bounded: drain() holds the writer at the high water
     * mark, and the slow side's StreamReader pauses its socket at 2 x limit.
     */
    @Test
    void slowReaderKeepsMemoryBounded() {
        int total = 8 << 20;
        int chunk = 32 * 1024;
        int readerLimit = 16 * 1024;
        run(() -> {
            int[] maxReaderBuffer = {0};
            Future<Integer> received = getRunningLoop().createFuture();
            Server server = Streams.startServer((r, w) -> {
                int n = 0;
                while (true) {
                    maxReaderBuffer[0] = Math.max(maxReaderBuffer[0], r.buffered());
                    byte[] b = r.read(4096);
                    if (b.length == 0) {
                        break;
                    }
                    n += b.length;
                    if ((n & 0xFFFF) < 4096) {
                        sleep(0); // let the writer run between reads: it must wait in drain
                    }
                }
                received.setResult(n);
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, readerLimit);
            StreamPair c = openConnection("127.0.0.1", port(server));
            int high = c.writer().transport().getWriteBufferHighLimit();
            int maxBuffered = 0;
            byte[] data = new byte[chunk];
            for (int sent = 0; sent < total; sent += chunk) {
                c.writer().write(data);
                maxBuffered = Math.max(maxBuffered, c.writer().transport().getWriteBufferSize());
                c.writer().drain();
            }
            c.writer().writeEof();
            assertEquals(total, received.await());
            assertTrue(maxBuffered <= high + chunk, "writer buffer " + maxBuffered + " > high " + high + " + chunk");
            // A read returns at most one socket read's worth above the pause threshold.
            assertTrue(maxReaderBuffer[0] <= 2 * readerLimit + 256 * 1024, "reader buffer " + maxReaderBuffer[0]);
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    /** writeEof half-closes: the server reads to EOF and can still answer (asyncio's canWriteEof). */
    @Test
    void writeEofHalfClose() {
        run(() -> {
            Server server = startServer((r, w) -> {
                byte[] all = r.read();
                w.write("got " + all.length);
                w.close();
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            assertTrue(c.writer().canWriteEof());
            c.writer().write(new byte[1000]);
            c.writer().writeEof();
            assertEquals("got 1000", s(c.reader().read()));
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    /** Line iteration over a socket: `async for line in reader`. */
    @Test
    void linesOverSocket() {
        run(() -> {
            Server server = startServer((r, w) -> {
                for (int i = 0; i < 100; i++) {
                    w.write("line " + i + "\n");
                }
                w.close();
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            int n = 0;
            for (String line : c.reader().textLines(StandardCharsets.UTF_8)) {
                assertEquals("line " + n, line);
                n++;
            }
            assertEquals(100, n);
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    /** A handler that fails is reported to the exception handler (test_unhandled_exception idea) and its connection closed. */
    @Test
    void handlerFailureIsReportedAndClosesConnection() {
        List<Map<String, Object>> errors = new ArrayList<>();
        Asyncio.run(() -> {
            getRunningLoop().setExceptionHandler((l, ctx) -> errors.add(ctx));
            Server server = startServer((r, w) -> {
                throw new IllegalStateException("handler bug");
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            assertEquals(0, c.reader().read().length);
            c.writer().close();
            server.close();
            server.waitClosed();
            return null;
        });
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("Unhandled exception in client_connected_cb", errors.get(0).get("message"));
    }
    /** The answer of CPython's test_utils.run_test_server to "GET / HTTP/1.0". */
    static Server httpServer() {
        return startServer((r, w) -> {
            while (r.readline().length > 2) {
                // skip the request head up to its blank line
            }
            w.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nTest message");
            w.close();
        }, "127.0.0.1", 0);
    }

    /** test_wait_closed_on_close and test_async_writer_api. */
    @Test
    void waitClosedOnClose() {
        run(() -> {
            Server httpd = httpServer();
            StreamPair c = openConnection("127.0.0.1", port(httpd));
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK\r\n", s(c.reader().readline()));
            assertTrue(s(c.reader().read()).endsWith("\r\n\r\nTest message"));
            assertFalse(c.writer().isClosing());
            c.writer().close();
            assertTrue(c.writer().isClosing());
            c.writer().waitClosed();
            httpd.close();
            httpd.waitClosed();
        });
    }

    /** test_wait_closed_on_close_with_unread_data. */
    @Test
    void waitClosedWithUnreadData() {
        run(() -> {
            Server httpd = httpServer();
            StreamPair c = openConnection("127.0.0.1", port(httpd));
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK\r\n", s(c.reader().readline()));
            c.writer().close();
            c.writer().waitClosed();
            httpd.close();
            httpd.waitClosed();
        });
    }

    /** test_async_writer_api_exception_after_close: write + drain after close raise a connection error. */
    @Test
    void drainAfterCloseRaises() {
        run(() -> {
            Server httpd = httpServer();
            StreamPair c = openConnection("127.0.0.1", port(httpd));
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("HTTP/1.0 200 OK\r\n", s(c.reader().readline()));
            assertTrue(s(c.reader().read()).endsWith("Test message"));
            c.writer().close();
            Exception e = assertThrows(Exception.class, () -> {
                c.writer().write("data");
                c.writer().drain();
            });
            assertInstanceOf(IOException.class, e);
            httpd.close();
            httpd.waitClosed();
        });
    }

    /** test_eof_feed_when_closing_writer (bpo-35065): closing our side feeds EOF to our reader. */
    @Test
    void eofFedWhenClosingWriter() {
        run(() -> {
            Server httpd = httpServer();
            StreamPair c = openConnection("127.0.0.1", port(httpd));
            c.writer().close();
            c.writer().waitClosed();
            assertTrue(c.reader().atEof());
            assertEquals(0, c.reader().read().length);
            httpd.close();
            httpd.waitClosed();
        });
    }

    /** test_unhandled_cancel: a handler that cancels itself is not reported as an error. */
    @Test
    void handlerCancellingItselfIsNotAnError() {
        run(() -> {
            Server server = startServer((r, w) -> {
                w.close();
                currentTask().cancel();
                sleep(0);
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            assertEquals(0, c.reader().read().length);
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }
}
