package io.asyncio4j.conformance.ported;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.streams.StreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of CPython 3.13 stream and stream-server cases not covered by the other stream tests. */
@ExtendWith(LoopExtension.class)
class StreamsPortTest {
    /** Ports test_pep492.py StreamReaderTests.test_readline: iterating a reader gives its lines, the last one unterminated. */
    @Test
    void iteratingAReaderGivesItsLines(EventLoop loop) {
        StreamReader stream = new StreamReader();
        stream.feedData("line1\nline2\nline3".getBytes(StandardCharsets.US_ASCII));
        stream.feedEof();
        List<String> data = loop.runUntilComplete(() -> {
            List<String> out = new ArrayList<>();
            for (byte[] line : stream.lines()) {
                out.add(new String(line, StandardCharsets.US_ASCII));
            }
            return out;
        });
        assertEquals(List.of("line1\n", "line2\n", "line3"), data);
    }

    /**
     * Ports test_streams.py StreamTests.test_open_unix_connection_no_loop_ssl: a TLS stream over a
     * Unix socket carries a request and its response, with nothing reported to the handler.
     */
    @Test
    void tlsStreamOverAUnixSocket(EventLoop loop, @TempDir Path dir) {
        Path path = dir.resolve("sock");
        String data = loop.runUntilComplete(() -> {
            Server server = Streams.startUnixServer((reader, writer) -> {
                reader.readline();
                writer.write("HTTP/1.0 200 OK\r\n\r\nTest message");
                writer.close();
                writer.waitClosed();
            }, path, ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()), Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Streams.openUnixConnection(path, ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext())
                        .withServerHostname("localhost"), Streams.DEFAULT_LIMIT);
                c.writer().write("GET / HTTP/1.0\r\n\r\n");
                String got = new String(c.reader().read(), StandardCharsets.US_ASCII);
                c.writer().close();
                c.writer().waitClosed();
                return got;
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        assertTrue(data.endsWith("\r\n\r\nTest message"), data);
    }

    /**
     * Ports test_server.py SelectorStartServerTests.test_start_unix_server_1: a Unix server created
     * not serving starts on request, serves forever, and a client handler can cancel that.
     */
    @Test
    void unixServerStartedLaterServesUntilCancelled(EventLoop loop, @TempDir Path dir) {
        Path path = dir.resolve("sock");
        byte[] hello = ("1".repeat(1024 * 5) + "\n").getBytes(StandardCharsets.US_ASCII);
        loop.runUntilComplete(() -> {
            Task<?>[] mainTask = new Task<?>[1];
            Server srv = Streams.startUnixServer((reader, writer) -> {
                reader.readline();
                mainTask[0].cancel();
                writer.write("1");
                writer.close();
                writer.waitClosed();
            }, path, ServerOptions.DEFAULT.withStartServing(false), Streams.DEFAULT_LIMIT);
            Task<byte[]> client = Asyncio.createTask(() -> {
                StreamPair c = Asyncio.openUnixConnection(path);
                c.writer().write(hello);
                byte[] got = c.reader().readexactly(1);
                c.writer().close();
                return got;
            });
            mainTask[0] = Asyncio.createTask(() -> {
                try (Server s = srv) {
                    assertFalse(s.isServing());
                    s.startServing();
                    assertTrue(s.isServing());
                    s.serveForever();
                }
                return null;
            });
            assertThrows(CancelledError.class, mainTask[0]::await);
            assertEquals("1", new String(client.await(), StandardCharsets.US_ASCII));
            return null;
        });
    }
}
