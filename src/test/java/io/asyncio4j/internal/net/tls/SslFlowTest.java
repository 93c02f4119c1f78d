package io.asyncio4j.internal.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.transports.BufferedProtocol;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Data flow, flow control and shutdown of the TLS layer over in-memory transports (virtual time).
 * Ports cases of CPython's test_sslproto.py and test_ssl.py as cited on each test.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SslFlowTest {

    /** A BufferedProtocol with a fixed-size buffer, as in test_sslproto.py test_buf_feed_data. */
    static final class SmallBufferProtocol implements BufferedProtocol {
        final ByteBuffer buf;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<byte[]> gotAll;
        final int expected;
        Transport transport;
        final Future<Throwable> lost;

        SmallBufferProtocol(EventLoop loop, int size, int expected) {
            buf = ByteBuffer.allocate(size);
            gotAll = loop.createFuture();
            lost = loop.createFuture();
            this.expected = expected;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            buf.clear();
            return buf;
        }

        @Override
        public void bufferUpdated(int nbytes) {
            data.write(buf.array(), 0, nbytes);
            if (data.size() >= expected && !gotAll.done()) {
                gotAll.setResult(data.toByteArray());
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }
    }

    /** Ports test_sslproto.py BaseStartTLS.test_buf_feed_data: buffers of 1, 2 and 100 bytes. */
    @Test
    void bufFeedData() {
        for (int size : new int[]{1, 2, 100}) {
            TlsPair.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                SmallBufferProtocol serverApp = new SmallBufferProtocol(loop, size, 5);
                TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
                Transport ct = p.clientReady.await();
                ct.write("12345");
                assertArrayEquals("12345".getBytes(), serverApp.gotAll.await(), "buffer size " + size);
                ct.close();
                assertNull(serverApp.lost.await());
                return null;
            });
        }
    }

    /** Ports test_sslproto.py test_buf_feed_data's last case: an empty buffer is an error. */
    @Test
    void bufFeedDataEmptyBuffer() {
        List<Map<String, Object>> reported = new ArrayList<>();
        io.asyncio4j.testing.VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
            SmallBufferProtocol serverApp = new SmallBufferProtocol(loop, 0, 5);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            p.clientReady.await();
            p.clientReady.result().write("12345");
            Throwable e = serverApp.lost.await();
            assertInstanceOf(IllegalStateException.class, e);
            assertTrue(e.getMessage().contains("empty buffer"), e.getMessage());
            return null;
        });
        assertEquals(1, reported.size());
        assertEquals("Fatal error on SSL protocol", reported.get(0).get("message"));
    }

    /** 1 MiB each way through 16 KiB records, byte for byte (test_sslproto.py PAYLOAD_SIZE style). */
    @Test
    void largePayloadBothWays() {
        byte[] payload = new byte[1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop).expect(payload.length);
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(payload.length);
            TlsPair p = TlsPair.create(clientApp, serverApp).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            ct.write(payload);
            st.write(ByteBuffer.wrap(payload));
            assertArrayEquals(payload, serverApp.gotAll.await());
            assertArrayEquals(payload, clientApp.gotAll.await());
            ct.close();
            assertNull(serverApp.lost.await());
            return null;
        });
    }

    /**
     * Ciphertext arriving in odd pieces (single bytes, pieces ending inside a record header or a
     * record, several records at once) decrypts byte for byte: the undecrypted tail is kept across
     * reads and moved to the front of the network buffer only when a read needs the room.
     */
    @Test
    void ciphertextInOddPieces() {
        byte[] payload = new byte[200_000];
        new Random(7).nextBytes(payload);
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(payload.length);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            // Keep the client's records instead of sending them, then feed them in odd pieces.
            p.clientRaw.swallowWrites = true;
            int from = p.clientRaw.written.size();
            for (int off = 0; off < payload.length; off += 9_000) {
                ct.write(ByteBuffer.wrap(payload, off, Math.min(9_000, payload.length - off)));
            }
            byte[] wire = p.clientRaw.written.toByteArray();
            int[] pieces = {1, 1, 1, 2, 3, 4_999, 16_500, 40_000, 7, 33_333, 9_027};
            for (int off = from, i = 0; off < wire.length; i++) {
                int n = Math.min(pieces[i % pieces.length], wire.length - off);
                p.serverRaw.inject(Arrays.copyOfRange(wire, off, off + n));
                off += n;
            }
            assertArrayEquals(payload, serverApp.gotAll.await());
            assertEquals(List.of("made", "data"), serverApp.events.stream().distinct().toList());
            return null;
        });
    }

    /**
     * Replies an application writes from dataReceived while one read is being decrypted leave in a
     * single raw write, and a close() in the same callback sends close_notify after them.
     */
    @Test
    void repliesToOneReadShareOneRawWrite() {
        byte[] payload = new byte[3 * 1000];
        new Random(3).nextBytes(payload);
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop).expect(payload.length);
            RecordingProtocol serverApp = new RecordingProtocol(loop) {
                @Override
                public void dataReceived(ByteBuffer buf) {
                    ByteBuffer reply = buf.duplicate();
                    super.dataReceived(buf);
                    transport.write(reply); // an echo, one record per record received
                    if (data.size() == payload.length) {
                        transport.close();
                    }
                }
            };
            TlsPair p = TlsPair.create(clientApp, serverApp).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            // Three records from the client reach the server in one read.
            p.clientRaw.swallowWrites = true;
            int from = p.clientRaw.written.size();
            for (int off = 0; off < payload.length; off += 1000) {
                ct.write(ByteBuffer.wrap(payload, off, 1000));
            }
            byte[] wire = p.clientRaw.written.toByteArray();
            p.clientRaw.swallowWrites = false;
            int before = p.serverRaw.writes;
            p.serverRaw.inject(Arrays.copyOfRange(wire, from, wire.length));
            assertEquals(before + 2, p.serverRaw.writes, "three echoed records in one write, then close_notify");
            assertArrayEquals(payload, clientApp.gotAll.await());
            assertNull(serverApp.lost.await());
            assertNull(clientApp.lost.await());
            assertEquals(List.of("made", "data", "eof", "lost"), clientApp.events);
            return null;
        });
    }

    /** The raw transport's pauseWriting/resumeWriting reach the application protocol. */
    @Test
    void writeFlowControlPassesThrough() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(100_000);
            TlsPair p = TlsPair.create(clientApp, serverApp).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            p.clientRaw.holdWrites = true;
            ct.setWriteBufferLimits(32 * 1024, 8 * 1024);
            assertEquals(32 * 1024, ct.getWriteBufferHighLimit());
            assertEquals(8 * 1024, ct.getWriteBufferLowLimit());
            ct.write(new byte[100_000]);
            assertTrue(ct.getWriteBufferSize() >= 100_000, "ciphertext waits in the raw buffer");
            assertEquals(List.of("made", "pause"), clientApp.events);
            p.clientRaw.holdWrites = false;
            p.clientRaw.flush();
            assertEquals(List.of("made", "pause", "resume"), clientApp.events);
            assertEquals(0, ct.getWriteBufferSize());
            assertEquals(100_000, serverApp.gotAll.await().length);
            ct.close();
            return null;
        });
    }

    /** The application's pauseReading pauses the raw transport; data waits until resumeReading. */
    @Test
    void pauseReadingPausesRawTransport() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(6);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            st.pauseReading();
            assertFalse(st.isReading());
            assertFalse(p.serverRaw.isReading());
            ct.write("abc");
            ct.write("def");
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0);
            }
            assertEquals(0, serverApp.data.size(), "nothing delivered while paused");
            st.resumeReading();
            assertTrue(st.isReading());
            assertEquals("abcdef", new String(serverApp.gotAll.await()));
            ct.close();
            return null;
        });
    }

    /**
     * Ports test_ssl.py test_remote_shutdown_receives_trailing_data / test_flush_before_shutdown:
     * data written before close() arrives before the close_notify.
     */
    @Test
    void flushBeforeShutdown() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol serverApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            Transport ct = p.clientReady.await();
            ct.write("trailing");
            ct.close();
            assertTrue(ct.isClosing());
            assertNull(serverApp.lost.await());
            assertEquals("trailing", serverApp.text());
            assertEquals(List.of("made", "data", "eof", "lost"), serverApp.events);
            return null;
        });
    }

    /** Ports test_ssl.py test_shutdown_cleanly: close_notify both ways, both raw transports closed (not aborted). */
    @Test
    void shutdownCleanly() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            RecordingProtocol serverApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, serverApp).connect();
            p.clientReady.await();
            Transport st = p.serverReady.await();
            st.close();
            assertNull(clientApp.lost.await());
            assertNull(serverApp.lost.await());
            Asyncio.sleep(0);
            assertTrue(p.clientRaw.isLost() && p.serverRaw.isLost());
            assertFalse(p.clientRaw.aborted || p.serverRaw.aborted, "a clean close, not an abort");
            assertEquals(List.of("made", "eof", "lost"), clientApp.events);
            return null;
        });
    }

    /** A raw EOF without close_notify (a truncation): eofReceived then connectionLost, as asyncio's eof_received. */
    @Test
    void rawEofWithoutCloseNotify() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(2);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            Transport ct = p.clientReady.await();
            ct.write("hi");
            serverApp.gotAll.await();
            p.clientRaw.close();    // FIN under the TLS layer
            assertNull(serverApp.lost.await());
            assertEquals(List.of("made", "data", "eof", "lost"), serverApp.events);
            return null;
        });
    }

    /** Ports test_ssl.py test_shutdown_timeout_handler_leak: a peer that never answers close_notify. */
    @Test
    void shutdownTimeout() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, new RecordingProtocol(loop)).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            p.clientRaw.peer.pauseReading();     // the server never reads our close_notify
            double t0 = loop.time();
            ct.close();
            Throwable e = clientApp.lost.await();
            assertInstanceOf(TimeoutError.class, e);
            assertEquals("SSL shutdown timed out", e.getMessage());
            assertEquals(30.0, loop.time() - t0, 1e-6, "asyncio's default shutdown timeout");
            assertTrue(p.clientRaw.aborted);
            return null;
        });
    }

    /** The shutdown timeout from TlsOptions. */
    @Test
    void customShutdownTimeout() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, TestCerts.clientContext(),
                    new io.asyncio4j.transports.TlsOptions(false, "localhost", null, 2.0),
                    new RecordingProtocol(loop), TestCerts.serverContext(), io.asyncio4j.transports.TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            p.clientRaw.peer.pauseReading();
            double t0 = loop.time();
            ct.close();
            assertInstanceOf(TimeoutError.class, clientApp.lost.await());
            assertEquals(2.0, loop.time() - t0, 1e-6);
            return null;
        });
    }

    /** abort() closes at once, without close_notify; connectionLost(null). */
    @Test
    void abortSkipsCloseNotify() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            RecordingProtocol serverApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, serverApp).connect();
            Transport ct = p.clientReady.await();
            p.serverReady.await();
            int before = p.clientRaw.written.size();
            ct.abort();
            assertTrue(ct.isClosing());
            assertNull(clientApp.lost.await());
            assertEquals(before, p.clientRaw.written.size(), "no close_notify was written");
            assertTrue(p.clientRaw.aborted);
            assertNull(serverApp.lost.await());
            return null;
        });
    }

    /** An exception from the application's dataReceived is reported and aborts the connection. */
    @Test
    void appCallbackErrorIsFatal() {
        List<Map<String, Object>> reported = new ArrayList<>();
        io.asyncio4j.testing.VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
            IllegalStateException boom = new IllegalStateException("boom");
            RecordingProtocol serverApp = new RecordingProtocol(loop) {
                @Override
                public void dataReceived(ByteBuffer buf) {
                    throw boom;
                }
            };
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            p.clientReady.await().write("x");
            assertSame(boom, serverApp.lost.await());
            return null;
        });
        assertEquals(1, reported.size());
    }
}
