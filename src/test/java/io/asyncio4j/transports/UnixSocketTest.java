package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Unix domain sockets: createUnixConnection/createUnixServer. Ports test_unix_events.py
 * SelectorEventLoopUnixSocketTests and test_server.py UnixServerCleanupTests.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class UnixSocketTest {
    private Path dir;
    private Path path;

    @BeforeEach
    void makeDir() throws Exception {
        dir = Files.createTempDirectory("asyncio4j-unix");
        path = dir.resolve("test.sock");
    }

    @AfterEach
    void removeDir() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Ports test_unix_events.py test_create_unix_server_pathlike / test_create_unix_connection_pathlike. */
    @Test
    void echoOverAUnixSocket() {
        String got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT)) {
                assertEquals(UnixDomainSocketAddress.of(path), srv.sockets().get(0).getLocalAddress());
                Connection<Transport, RecordingProtocol> c =
                        loop.createUnixConnection(RecordingProtocol::new, path, ConnectOptions.DEFAULT);
                assertEquals(UnixDomainSocketAddress.of(path), c.transport().getExtraInfo("peername"));
                c.transport().write("over unix");
                c.protocol().awaitBytes(9);
                c.transport().writeEof();
                assertNull(c.protocol().lost.await(), "the echo server closes after our EOF");
                return c.protocol().text();
            }
        });
        assertEquals("over unix", got);
    }

    /** Ports test_unix_events.py test_create_unix_server_existing_path_sock: a stale socket file is replaced. */
    @Test
    void staleSocketFileIsReplaced() throws Exception {
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path));
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createUnixConnection(RecordingProtocol::new, path, ConnectOptions.DEFAULT);
                c.transport().close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /** Ports test_unix_events.py test_create_unix_server_existing_path_nonsock: a regular file is not removed. */
    @Test
    void existingRegularFileIsABindError() throws Exception {
        Files.writeString(path, "not a socket");
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Exception e = assertThrows(Exception.class,
                    () -> loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT));
            assertInstanceOf(BindException.class, e);
            assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
            return null;
        });
        assertEquals("not a socket", Files.readString(path));
    }

    /** Ports test_server.py UnixServerCleanupTests.test_unix_server_addr_cleanup. */
    @Test
    void unixServerAddrCleanup() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT);
            assertTrue(Files.exists(path));
            srv.close();
            assertFalse(Files.exists(path));
            srv.waitClosed();
            return null;
        });
    }

    /** Ports test_server.py UnixServerCleanupTests.test_unix_server_cleanup_gone. */
    @Test
    void unixServerCleanupGone() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT);
            Files.delete(path);
            srv.close();
            assertFalse(Files.exists(path));
            return null;
        });
    }

    /** Ports test_server.py UnixServerCleanupTests.test_unix_server_cleanup_replaced. */
    @Test
    void unixServerCleanupReplaced() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Server srv = loop.createUnixServer(EchoProtocol::new, path, ServerOptions.DEFAULT);
            Files.delete(path);
            try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                other.bind(UnixDomainSocketAddress.of(path));
                srv.close();
                assertTrue(Files.exists(path), "someone else's socket is left alone");
            }
            return null;
        });
    }

    /**
     * Ports test_server.py UnixServerCleanupTests.test_unix_server_cleanup_prevented: with
     * cleanupSocket off, closing the server leaves the socket file.
     */
    @Test
    void unixServerCleanupPrevented() {
        run(() -> {
            Server srv = io.asyncio4j.streams.Streams.startUnixServer((reader, writer) -> { }, path,
                    ServerOptions.DEFAULT.withCleanupSocket(false), io.asyncio4j.streams.Streams.DEFAULT_LIMIT);
            srv.close();
            srv.waitClosed();
            assertTrue(Files.exists(path), "the socket file is kept");
            return null;
        });
    }

    /** Half-close works on Unix sockets too (canWriteEof is true). */
    @Test
    void halfCloseOverUnix() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ServerTest.Accepted accepted = new ServerTest.Accepted();
            try (Server srv = loop.createUnixServer(() -> {
                RecordingProtocol p = accepted.make();
                p.keepOpenOnEof = true;
                return p;
            }, path, ServerOptions.DEFAULT)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createUnixConnection(RecordingProtocol::new, path, ConnectOptions.DEFAULT);
                assertTrue(c.transport().canWriteEof());
                c.transport().write("q");
                c.transport().writeEof();
                RecordingProtocol sp = accepted.await(0);
                sp.eof.await();
                sp.transport.write("a");
                sp.transport.close();
                c.protocol().lost.await();
                assertEquals("a", c.protocol().text());
            }
            return null;
        });
    }
}
