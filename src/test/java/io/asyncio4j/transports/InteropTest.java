package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Interop over loopback with real peers: CPython's asyncio (as server and as client) and
 * redis-server spoken to by a raw {@link Protocol}. Each test skips when its peer is missing.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class InteropTest {
    private static final Path PYTHON = Path.of("/root/.pyenv/versions/3.13.0/bin/python3");
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    private static Path script() {
        try {
            return Path.of(InteropTest.class.getResource("/peers/asyncio_echo.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path python() {
        Path p = Files.isExecutable(PYTHON) ? PYTHON : Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(p), "CPython 3 is not installed: skipping the asyncio interop test");
        return p;
    }

    private static Path redisServer() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path p = Path.of("/usr/bin/redis-server");
        assumeTrue(Files.isExecutable(p), "redis-server is not installed (apt-get install redis-server): skipping");
        return p;
    }

    private static byte[] payload() {
        byte[] b = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    /** Reads the child's stdout lines until one starts with {@code prefix}, off the loop's thread. */
    private static String awaitLine(BufferedReader out, String prefix) {
        return Asyncio.toThread(() -> {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException("the peer exited before printing " + prefix);
        });
    }

    /** Our client against CPython's asyncio echo server: 3 MiB each way, half-close, EOF back. */
    @Test
    void clientAgainstCPythonAsyncioServer() throws Exception {
        Process py = new ProcessBuilder(python().toString(), script().toString(), "server")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            byte[] got = run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
                int port = Integer.parseInt(awaitLine(out, "PORT").split(" ")[1]);
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
                c.transport().write(payload());
                c.transport().writeEof();
                assertNull(c.protocol().lost.await());
                assertEquals(List.of("made", "data", "eof", "lost"), c.protocol().events);
                return c.protocol().received.toByteArray();
            });
            assertArrayEquals(payload(), got);
        } finally {
            py.getOutputStream().close();
            if (!py.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                py.destroyForcibly();
            }
        }
        assertEquals(0, py.exitValue());
    }

    /** CPython's asyncio client (streams) against our echo server. */
    @Test
    void cpythonAsyncioClientAgainstOurServer() {
        Path python = python();
        String out = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                // Started off the loop: fork/exec blocks (the BlockHound profile would flag it).
                Process py = Asyncio.toThread(() -> new ProcessBuilder(python.toString(), script().toString(), "client",
                        String.valueOf(port(srv)), String.valueOf(SIZE))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start());
                try {
                    BufferedReader r = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
                    String line = Asyncio.toThread(r::readLine);
                    int code = Asyncio.await(py.onExit()).exitValue();
                    assertEquals(0, code, "python client: " + line);
                    return line;
                } finally {
                    py.destroy();
                }
            }
        });
        assertEquals("OK " + SIZE, out);
    }

    /** A raw RESP protocol client: asyncio's documented pattern of a Protocol that parses replies. */
    static final class RespClient implements Protocol {
        private final StringBuilder pending = new StringBuilder();
        private final List<Future<String>> waiting = new ArrayList<>();
        private final EventLoop loop = Asyncio.getRunningLoop();
        Transport transport;
        final Future<Throwable> lost = loop.createFuture();

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            pending.append(StandardCharsets.ISO_8859_1.decode(data));
            String reply;
            while (!waiting.isEmpty() && (reply = takeReply()) != null) {
                waiting.remove(0).setResult(reply);
            }
        }

        /** One simple-string, error or bulk-string reply ("(nil)" for a null bulk), or null if incomplete. */
        private String takeReply() {
            int eol = pending.indexOf("\r\n");
            if (eol < 0) {
                return null;
            }
            char kind = pending.charAt(0);
            if (kind == '$') {
                int len = Integer.parseInt(pending.substring(1, eol));
                int end = eol + 2 + len + 2;
                if (len >= 0 && pending.length() < end) {
                    return null;
                }
                String body = len < 0 ? "(nil)" : pending.substring(eol + 2, eol + 2 + len);
                pending.delete(0, len < 0 ? eol + 2 : end);
                return body;
            }
            String line = pending.substring(0, eol);
            pending.delete(0, eol + 2);
            return line;
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }

        String command(String... args) {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
            }
            Future<String> reply = loop.createFuture();
            waiting.add(reply);
            transport.write(StandardCharsets.ISO_8859_1.encode(sb.toString()));
            return reply.await();
        }
    }

    /** redis-server spoken to by a raw Protocol: PING -> +PONG, then a 1 MiB SET/GET round trip. */
    @Test
    void redisPingPong() throws Exception {
        Path redis = redisServer();
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = NetTesting.address(probe).getPort();
        }
        Process srv = new ProcessBuilder(redis.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--loglevel", "notice")
                .redirectErrorStream(true).start();
        try {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                BufferedReader out = new BufferedReader(new InputStreamReader(srv.getInputStream(), StandardCharsets.UTF_8));
                awaitLine(out, "Ready to accept connections");
                Connection<Transport, RespClient> c = loop.createConnection(RespClient::new, "127.0.0.1", port);
                RespClient redisClient = c.protocol();
                // inline command, as redis-cli's ancestors did
                Future<String> pong = loop.createFuture();
                redisClient.waiting.add(pong);
                c.transport().write("PING\r\n");
                assertEquals("+PONG", pong.await());
                assertEquals("+PONG", redisClient.command("PING"));
                String big = "v".repeat(1024 * 1024);
                assertEquals("+OK", redisClient.command("SET", "asyncio4j", big));
                assertEquals(big, redisClient.command("GET", "asyncio4j"));
                assertEquals("(nil)", redisClient.command("GET", "missing"));
                assertTrue(redisClient.command("NOPE").startsWith("-ERR"));
                c.transport().close();
                assertNull(redisClient.lost.await());
                return null;
            });
        } finally {
            srv.destroy();
            if (!srv.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                srv.destroyForcibly();
            }
        }
    }
}
