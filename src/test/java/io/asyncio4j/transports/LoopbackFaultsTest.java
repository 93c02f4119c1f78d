package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopConfig;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Faults over loopback, against peers written with plain blocking java.net sockets on platform
 * threads (so the peer's misbehaviour is exact): resets mid-write, half-closes, a peer that stops
 * reading, a closed port. Every case also runs under {@link io.asyncio4j.test.LoopConfig#checkLeaks() the leak check}.
 */
@Timeout(60)
@LoopConfig(checkLeaks = true)
class LoopbackFaultsTest {
    private static final int RESETS = Integer.getInteger("asyncio4j.faults.resets", 1000);
    private static final byte[] CHUNK = new byte[256 * 1024];

    /**
     * The peer resets the connection (SO_LINGER 0) while we write: {@code connectionLost} is
     * called exactly once with the error, the write side stops, nothing reaches the exception
     * handler; repeated {@value #RESETS} times (property asyncio4j.faults.resets).
     */
    @Test
    void peerResetMidWrite() throws Exception {
        List<Map<String, Object>> handled = new ArrayList<>();
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread resetter = Thread.ofPlatform().name("rst-peer").start(() -> {
                for (int i = 0; i < RESETS; i++) {
                    try (Socket s = peer.accept()) {
                        s.getInputStream().read(new byte[1024]); // the write has started
                        s.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            int[] lostCalls = {0};
            int errors = Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                loop.setExceptionHandler((l, ctx) -> handled.add(ctx));
                int withError = 0;
                for (int i = 0; i < RESETS; i++) {
                    Future<Throwable> lost = loop.createFuture();
                    Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                        @Override
                        public void connectionLost(Throwable exc) {
                            lostCalls[0]++;
                            if (lost.done()) {
                                throw new AssertionError("connectionLost called twice");
                            }
                            lost.setResult(exc);
                        }
                    }, "127.0.0.1", peer.getLocalPort());
                    // Keep writing until the reset is seen: a write after it must not throw either.
                    while (!lost.done()) {
                        c.transport().write(CHUNK);
                        Asyncio.sleep(0);
                        if (!lost.done() && c.transport().getWriteBufferSize() > 4 * CHUNK.length) {
                            Asyncio.waitFor(Asyncio.shield(lost), 30.0);
                        }
                    }
                    Throwable exc = lost.result();
                    if (exc != null) {
                        assertInstanceOf(IOException.class, exc, "a reset is an I/O error");
                        withError++;
                    }
                    assertTrue(c.transport().isClosing());
                    c.transport().write(CHUNK); // ignored after the loss (asyncio counts and warns)
                    Asyncio.sleep(0);
                }
                return withError;
            });
            resetter.join();
            assertEquals(RESETS, lostCalls[0], "connectionLost exactly once per connection");
            assertTrue(errors > 0, "no reset was ever reported as an error");
        }
        assertEquals(List.of(), handled, "resets are not reported to the exception handler");
    }

    /** drain() raises promptly (not at the safety timeout) when the peer resets. */
    @Test
    void drainRaisesOnReset() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread resetter = Thread.ofPlatform().start(() -> {
                try (Socket s = peer.accept()) {
                    s.getInputStream().read(new byte[1024]);
                    s.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // the test fails on its own side
                }
            });
            Throwable raised = Asyncio.run(() -> {
                StreamPair p = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                try {
                    for (int i = 0; i < 10_000; i++) {
                        p.writer().write(CHUNK);
                        Asyncio.waitFor(Asyncio.createTask(() -> {
                            p.writer().drain();
                            return null;
                        }), 30.0);
                    }
                    return null;
                } catch (io.asyncio4j.CancelledError e) {
                    throw e;
                } catch (RuntimeException e) {
                    return e;
                } catch (Exception e) {
                    return e;
                } finally {
                    p.writer().close();
                }
            });
            resetter.join();
            assertNotNull(raised, "drain never failed");
            assertFalse(raised instanceof io.asyncio4j.TimeoutError, "drain hung until the safety timeout");
            assertInstanceOf(IOException.class, raised);
        }
    }

    /** We half-close (writeEof); the peer still sends, then closes; we read all of it and EOF. */
    @Test
    void halfCloseOurSide() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread p = Thread.ofPlatform().start(() -> {
                try (Socket s = peer.accept()) {
                    byte[] all = s.getInputStream().readAllBytes(); // until our EOF
                    s.getOutputStream().write(("got " + all.length).getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the test fails on its own side
                }
            });
            String reply = Asyncio.run(() -> {
                StreamPair c = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                c.writer().write(new byte[100_000]);
                assertTrue(c.writer().canWriteEof());
                c.writer().writeEof();
                String r = new String(c.reader().read(), StandardCharsets.US_ASCII);
                assertTrue(c.reader().atEof());
                c.writer().close();
                c.writer().waitClosed();
                return r;
            });
            p.join();
            assertEquals("got 100000", reply);
        }
    }

    /** The peer half-closes; our protocol keeps the connection open and still writes back. */
    @Test
    void halfClosePeerSide() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String[] peerGot = {null};
            Thread p = Thread.ofPlatform().start(() -> {
                try (Socket s = peer.accept()) {
                    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                    s.shutdownOutput();
                    peerGot[0] = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                } catch (IOException ignored) {
                    // the test fails on its own side
                }
            });
            Asyncio.run(() -> {
                StreamPair c = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                byte[] got = c.reader().read();
                assertEquals("hello", new String(got, StandardCharsets.US_ASCII));
                assertTrue(c.reader().atEof());
                c.writer().write("after eof");
                c.writer().drain();
                c.writer().close();
                c.writer().waitClosed();
                return null;
            });
            p.join();
            assertEquals("after eof", peerGot[0]);
        }
    }

    /**
     * A peer that stops reading: writing pauses at the high-water mark and the buffer stays
     * bounded however long we try; when the peer reads again, writing resumes and every byte
     * arrives.
     */
    @Test
    void peerThatStopsReadingKeepsMemoryBounded() throws Exception {
        int high = 64 * 1024;
        try (ServerSocket peer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // A small receive buffer, set on the listening socket so the connection's window scale
            // is negotiated for it. Shrinking SO_RCVBUF on an accepted, window-scaled connection
            // makes Linux advertise a zero window and crawl on persist probes (seen as a hang here).
            peer.setReceiveBufferSize(4096);
            CountDownLatch startReading = new CountDownLatch(1);
            long[] received = {0};
            Thread p = Thread.ofPlatform().start(() -> {
                try (Socket s = peer.accept()) {
                    startReading.await();
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        received[0] += n;
                    }
                } catch (IOException | InterruptedException ignored) {
                    // the test fails on its own side
                }
            });
            long[] sent = {0};
            int[] maxBuffered = {0};
            Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<Void> paused = loop.createFuture();
                Future<Void> resumed = loop.createFuture();
                Future<Void> lost = loop.createFuture();
                Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(null);
                    }

                    @Override
                    public void pauseWriting() {
                        if (!paused.done()) {
                            paused.setResult(null);
                        }
                    }

                    @Override
                    public void resumeWriting() {
                        if (!resumed.done()) {
                            resumed.setResult(null);
                        }
                    }
                }, "127.0.0.1", peer.getLocalPort());
                Transport t = c.transport();
                t.setWriteBufferLimits(high, high / 4);
                byte[] chunk = new byte[16 * 1024];
                // A well-behaved writer stops at pauseWriting; the socket buffers fill first.
                while (!paused.done() && sent[0] < 256L * 1024 * 1024) {
                    t.write(chunk);
                    sent[0] += chunk.length;
                    maxBuffered[0] = Math.max(maxBuffered[0], t.getWriteBufferSize());
                    Asyncio.sleep(0);
                }
                assertTrue(paused.done(), "256 MB written to a peer that does not read, and no pauseWriting; buffered "
                        + t.getWriteBufferSize());
                for (int i = 0; i < 200; i++) {
                    Asyncio.sleep(0); // the loop runs on; nothing more is queued while paused
                    maxBuffered[0] = Math.max(maxBuffered[0], t.getWriteBufferSize());
                }
                startReading.countDown();
                Asyncio.waitFor(resumed, 30.0);
                t.close(); // flushes what is buffered first
                Asyncio.waitFor(lost, 30.0);
                return null;
            });
            p.join();
            assertTrue(maxBuffered[0] <= high + 16 * 1024, "write buffer grew to " + maxBuffered[0]);
            assertEquals(sent[0], received[0], "bytes lost");
        }
    }

    /** Connecting to a closed port fails with ConnectException, 200 times, leaving nothing open. */
    @Test
    void connectToAClosedPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int refused = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int n = 0;
            for (int i = 0; i < 200; i++) {
                try {
                    loop.createConnection(() -> new Protocol() { }, "127.0.0.1", port);
                    fail("connected to a closed port");
                } catch (io.asyncio4j.CancelledError e) {
                    throw e;
                } catch (Exception e) {
                    assertInstanceOf(java.net.ConnectException.class, e, "not a refused connection: " + e);
                    n++;
                }
            }
            return n;
        });
        assertEquals(200, refused);
        assertNotNull(new InetSocketAddress(port));
    }
}
