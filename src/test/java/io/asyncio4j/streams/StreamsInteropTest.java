package io.asyncio4j.streams;

import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.subprocess.SubprocessOptions.Redirect;
import io.asyncio4j.transports.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.streams.StreamsNetTest.port;
import static io.asyncio4j.streams.StreamsNetTest.run;
import static io.asyncio4j.streams.StreamsNetTest.s;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Streams against real peers over 127.0.0.1: CPython's asyncio streams (server and client, the
 * script src/test/resources/peers/asyncio_streams_peer.py, run with our own subprocess API) and
 * redis-server spoken to in RESP. Each test skips when its peer program is missing.
 */
@Timeout(60)
class StreamsInteropTest {
    private static final Path PYTHON = Path.of("/root/.pyenv/versions/3.13.0/bin/python3");

    private static String python() {
        Path p = Files.isExecutable(PYTHON) ? PYTHON : Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(p), "CPython 3 is not installed: skipping the asyncio streams interop test");
        return p.toString();
    }

    private static String script() {
        try {
            return Path.of(StreamsInteropTest.class.getResource("/peers/asyncio_streams_peer.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String redisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Path p = Path.of("/usr/bin/redis-server");
        assumeTrue(Files.isExecutable(p), "redis-server is not installed (apt-get install redis-server): skipping");
        return p.toString();
    }

    static byte[] blob(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    /** Our openConnection client against asyncio.start_server. */
    @Test
    void javaClientPythonServer() {
        String py = python();
        run(() -> {
            Subprocess peer = createSubprocessExec(List.of(py, script(), "server"),
                    SubprocessOptions.PIPES.withStderr(Redirect.INHERIT));
            String first = s(peer.stdout().readline());
            assertTrue(first.startsWith("PORT "), first);
            int port = Integer.parseInt(first.substring(5).trim());

            StreamPair c = openConnection("127.0.0.1", port);
            c.writer().write("hello\n");
            c.writer().drain();
            assertEquals("ECHO HELLO\n", s(c.reader().readline()));
            c.writer().writelines(List.of("two ".getBytes(), "parts\n".getBytes()));
            assertEquals("ECHO TWO PARTS\n", s(c.reader().readuntil("\n".getBytes())));
            c.writer().write("BLOB 100000\n");
            assertArrayEquals(blob(100000), c.reader().readexactly(100000));
            assertEquals("\r\nEND\r\n", s(c.reader().readuntil("END\r\n".getBytes())));
            c.writer().write("BYE\n");
            assertEquals("BYE\n", s(c.reader().read()));
            c.writer().close();
            c.writer().waitClosed();

            peer.stdin().close();
            assertEquals(0, peer.waitFor());
        });
    }

    /** asyncio.open_connection against our startServer, whose handler iterates lines. */
    @Test
    void pythonClientJavaServer() {
        String py = python();
        run(() -> {
            Server server = startServer((reader, writer) -> {
                for (byte[] raw : reader.lines()) {
                    String cmd = s(raw).strip();
                    if (cmd.equals("BYE")) {
                        writer.write("BYE\n");
                        break;
                    }
                    if (cmd.startsWith("BLOB ")) {
                        writer.write(blob(Integer.parseInt(cmd.substring(5))));
                        writer.write("\r\nEND\r\n");
                    } else {
                        writer.write("ECHO " + cmd.toUpperCase() + "\n");
                    }
                    writer.drain();
                }
                writer.close();
                writer.waitClosed();
            }, "127.0.0.1", 0);
            Subprocess client = createSubprocessExec(List.of(py, script(), "client", String.valueOf(port(server))),
                    SubprocessOptions.PIPES.withStdin(Redirect.DEVNULL));
            Subprocess.Output out = client.communicate();
            assertEquals("OK\n", s(out.stdout()), () -> "stderr: " + s(out.stderr()));
            assertEquals(0, client.returncode());
            server.close();
            server.waitClosed();
        });
    }

    /** A streams client speaking RESP to redis-server: PING, SET/GET of a 1 MiB value, errors, nil. */
    @Test
    void redisOverStreams() throws Exception {
        String redis = redisServer();
        int port;
        try (var tmp = java.nio.channels.ServerSocketChannel.open()) {
            tmp.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            port = ((java.net.InetSocketAddress) tmp.getLocalAddress()).getPort();
        }
        run(() -> {
            Subprocess srv = createSubprocessExec(List.of(redis, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                            "--save", "", "--appendonly", "no"),
                    SubprocessOptions.PIPES.withStdin(Redirect.DEVNULL).withStderr(Redirect.STDOUT));
            // redis logs "Ready to accept connections" once it listens.
            for (byte[] line : srv.stdout().lines()) {
                if (s(line).contains("Ready to accept connections")) {
                    break;
                }
            }
            StreamPair c = openConnection("127.0.0.1", port);
            Resp resp = new Resp(c);
            assertEquals("+PONG", resp.command("PING"));
            String big = "v".repeat(1 << 20);
            assertEquals("+OK", resp.command("SET", "asyncio4j", big));
            assertEquals(big, resp.command("GET", "asyncio4j"));
            assertEquals("(nil)", resp.command("GET", "missing"));
            assertEquals(":1", resp.command("INCR", "counter"));
            assertTrue(resp.command("NOPE").startsWith("-ERR"));
            c.writer().close();
            c.writer().waitClosed();
            srv.terminate();
            String log = s(srv.communicate().stdout());
            // redis catches SIGTERM and shuts down cleanly.
            assertTrue(log.contains("shutdown") || log.contains("Bye"), log);
            assertEquals(0, srv.returncode());
        });
    }

    /** A minimal RESP2 client over a StreamPair: arrays of bulk strings out, one reply in. */
    private record Resp(StreamPair conn) {
        String command(String... args) {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            conn.writer().write(sb.toString());
            conn.writer().drain();
            String head = s(conn.reader().readuntil("\r\n".getBytes()));
            head = head.substring(0, head.length() - 2);
            if (head.startsWith("$")) {
                int n = Integer.parseInt(head.substring(1));
                if (n < 0) {
                    return "(nil)";
                }
                byte[] body = conn.reader().readexactly(n + 2);
                return new String(Arrays.copyOf(body, n), StandardCharsets.UTF_8);
            }
            return head;
        }
    }
}
