package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopConfig;
import io.asyncio4j.internal.net.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.transports.NetTesting.port;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS peers that abort the handshake, over loopback. The peers are plain blocking sockets on
 * platform threads (so their misbehaviour is exact). Each case checks that the handshake fails
 * with a specific error well before the 60-second handshake timeout (the test's own safety net is
 * {@value NetTesting#TIMEOUT} seconds), that the application protocol hears nothing (no
 * {@code connectionMade}, hence no {@code connectionLost}: test_ssl.py's #246 rule), that the
 * waiter completes once, that nothing is reported to the exception handler (asyncio does not
 * report OSError, and SSLError is one) and, through {@link io.asyncio4j.test.LoopConfig#checkLeaks() the leak check}, that no socket
 * is left open.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@LoopConfig(checkLeaks = true)
class TlsHandshakeFaultsTest {

    private static ConnectOptions clientOptions() {
        return ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost");
    }

    /** Records every call; the handshake never completes, so it must stay empty. */
    static class SilentProtocol implements Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade(Transport t) {
            events.add("made");
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("lost");
        }
    }

    /** A one-connection peer on a platform thread. */
    private interface Peer {
        void serve(Socket s) throws Exception;
    }

    private static Thread startPeer(ServerSocket listener, Peer peer) {
        return Thread.ofPlatform().name("tls-fault-peer").start(() -> {
            try (Socket s = listener.accept()) {
                peer.serve(s);
            } catch (Exception ignored) {
                // The client aborted first: that is the point of these tests.
            }
        });
    }

    /** Runs our client against {@code peer} and returns the error createConnection raised. */
    private static Throwable clientAgainst(Peer peer) throws Exception {
        List<Map<String, Object>> reported = new ArrayList<>();
        Throwable failure;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = startPeer(listener, peer);
            SilentProtocol proto = new SilentProtocol();
            failure = NetTesting.runCollecting(reported, () -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Throwable e = assertThrows(Throwable.class,
                        () -> loop.createConnection(() -> proto, "127.0.0.1", listener.getLocalPort(), clientOptions()));
                NetTesting.assertNoIoLeft(loop);
                return e;
            });
            t.join();
            assertEquals(List.of(), proto.events, "no connectionMade, no connectionLost");
        }
        assertEquals(List.of(), reported, "a failed handshake is not reported to the exception handler");
        return failure;
    }

    /** Reads what the client sent first (its ClientHello). */
    private static byte[] readSome(Socket s) throws IOException {
        byte[] buf = new byte[16 * 1024];
        int n = s.getInputStream().read(buf);
        return n < 0 ? new byte[0] : Arrays.copyOf(buf, n);
    }

    /** Reads until the client closes (or resets) the connection. */
    private static void drainUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    /**
     * The peer answers the ClientHello with plain text (an HTTP server on the TLS port): a clear
     * SSLException, not a hang. Like test_ssl.py test_start_tls_client_corrupted_ssl, but during
     * the handshake.
     */
    @Test
    void peerAnswersGarbage() throws Exception {
        Throwable e = clientAgainst(s -> {
            readSome(s);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            drainUntilClosed(s);
        });
        assertInstanceOf(SSLException.class, e, () -> "not an SSL error: " + e);
        assertNotNull(e.getMessage());
    }

    /**
     * The peer resets the connection (SO_LINGER 0) after the ClientHello: the RST variant of
     * test_ssl.py test_ssl_handshake_connection_lost (asyncio: ConnectionResetError).
     */
    @Test
    void peerResetsAfterClientHello() throws Exception {
        Throwable e = clientAgainst(s -> {
            readSome(s);
            s.setSoLinger(true, 0);
        });
        assertInstanceOf(SocketException.class, e, () -> "not a connection error: " + e);
    }

    /**
     * A real server (a JDK engine) sends its ServerHello record and then closes: the handshake
     * fails at the EOF, as asyncio's {@code SSLProtocol._eof_received} during DO_HANDSHAKE does
     * (ConnectionResetError).
     */
    @Test
    void serverClosesAfterServerHello() throws Exception {
        Throwable e = clientAgainst(s -> {
            byte[] serverHello = firstServerRecord(s);
            assertEquals(22, (int) serverHello[0], "a handshake record");
            s.getOutputStream().write(serverHello);
            s.shutdownOutput();
            drainUntilClosed(s);
        });
        assertInstanceOf(SocketException.class, e, () -> "not a connection error: " + e);
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
    }

    /** Runs a server engine on the client's first flight and returns the first record it answers with. */
    private static byte[] firstServerRecord(Socket s) throws Exception {
        SSLEngine engine = TestCerts.serverContext().createSSLEngine();
        engine.setUseClientMode(false);
        engine.beginHandshake();
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer app = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    SSLEngineResult r = engine.unwrap(in, app);
                    in.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        in.put(readSome(s));
                    }
                }
                case NEED_WRAP -> {
                    engine.wrap(ByteBuffer.allocate(0), out);
                    out.flip();
                    int length = 5 + ((out.get(3) & 0xff) << 8 | (out.get(4) & 0xff));
                    byte[] record = new byte[length];
                    out.get(record);
                    return record;
                }
                default -> throw new IllegalStateException("unexpected handshake status " + engine.getHandshakeStatus());
            }
        }
    }

    /**
     * Our server against clients that abort the handshake: a truncated ClientHello then EOF, and
     * garbage then a reset. Each accepted connection is dropped promptly without reaching the
     * application, and the server keeps serving: a good client connects afterwards.
     */
    @Test
    void serverDropsClientsThatAbortTheHandshake() throws Exception {
        byte[] clientHello = realClientHello();
        List<Map<String, Object>> reported = new ArrayList<>();
        AtomicInteger made = new AtomicInteger();
        List<SilentProtocol> accepted = new ArrayList<>();
        NetTesting.runCollecting(reported, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server srv = loop.createServer(() -> {
                SilentProtocol p = new SilentProtocol() {
                    @Override
                    public void connectionMade(Transport t) {
                        super.connectionMade(t);
                        made.incrementAndGet();
                        t.close();
                    }
                };
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0, ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()))) {
                int port = port(srv);
                // A truncated ClientHello, then FIN: the server sees EOF mid-handshake.
                String answer1 = Asyncio.toThread(() -> rawClient(port, Arrays.copyOf(clientHello, 40), false));
                // Not TLS at all, then an RST.
                String answer2 = Asyncio.toThread(() -> rawClient(port,
                        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true));
                assertTrue(answer1.startsWith("closed") || answer1.startsWith("reset"), answer1);
                assertTrue(answer2.startsWith("closed") || answer2.startsWith("reset"), answer2);
                assertEquals(0, made.get(), "an aborted handshake never reaches connectionMade");
                // The server still works.
                io.asyncio4j.Future<Throwable> lost = loop.createFuture();
                Connection<Transport, SilentProtocol> ok = loop.createConnection(() -> new SilentProtocol() {
                    @Override
                    public void connectionLost(Throwable exc) {
                        super.connectionLost(exc);
                        lost.setResult(exc);
                    }
                }, "127.0.0.1", port, clientOptions());
                assertEquals("made", ok.protocol().events.get(0));
                ok.transport().close();
                assertNull(lost.await());
                while (!accepted.get(2).events.contains("lost")) {
                    Asyncio.sleep(0.01); // the server's side of the TLS shutdown
                }
            }
            NetTesting.assertNoIoLeft(loop);
            return null;
        });
        assertEquals(3, accepted.size(), "one protocol per accepted connection");
        assertEquals(List.of(), accepted.get(0).events);
        assertEquals(List.of(), accepted.get(1).events);
        assertEquals(1, made.get());
        assertEquals(List.of(), reported, "failed handshakes are not reported to the exception handler");
    }

    /**
     * Sends {@code hello} on a blocking socket, half-closes (or resets after a short read of the
     * answer) and reports how the server ended the connection.
     */
    private static String rawClient(int port, byte[] hello, boolean reset) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(hello);
            if (reset) {
                s.setSoLinger(true, 0);
            } else {
                s.shutdownOutput();
            }
            int total = 0;
            try {
                byte[] buf = new byte[4096];
                int n;
                while ((n = s.getInputStream().read(buf)) >= 0) {
                    total += n;
                }
            } catch (SocketException e) {
                return "reset after " + total + " bytes";
            }
            return "closed after " + total + " bytes";
        }
    }

    /** {@return a real ClientHello record from a JDK client engine} */
    private static byte[] realClientHello() throws SSLException {
        SSLEngine engine = TestCerts.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }
}
