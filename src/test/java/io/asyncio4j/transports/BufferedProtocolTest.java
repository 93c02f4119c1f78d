package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link BufferedProtocol}: data is read straight into the protocol's own buffer.
 * Ports test_buffered_proto.py and test_selector_events.py
 * SelectorSocketTransportBufferedProtocolTests (on real sockets).
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class BufferedProtocolTest {
    private static final byte[] NOISE = "12345678+".repeat(1024).getBytes(StandardCharsets.US_ASCII);

    /** asyncio's ReceiveStuffProto: a fresh 100-byte buffer per read. */
    static class ReceiveStuffProto implements BufferedProtocol {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<Void> lost = Asyncio.getRunningLoop().createFuture();
        final List<Integer> hints = new ArrayList<>();
        Transport transport;
        ByteBuffer buffer;
        boolean keepOpen;
        int eofs;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            hints.add(sizeHint);
            buffer = ByteBuffer.allocate(100);
            return buffer;
        }

        @Override
        public void bufferUpdated(int nbytes) {
            assertEquals(nbytes, buffer.position(), "the transport read into the buffer it was given");
            data.write(buffer.array(), 0, nbytes);
            if (data.size() == NOISE.length) {
                transport.write("1");
            }
        }

        @Override
        public boolean eofReceived() {
            eofs++;
            return keepOpen;
        }

        @Override
        public void connectionLost(Throwable exc) {
            if (exc == null) {
                lost.setResult(null);
            } else {
                lost.setException(exc);
            }
        }
    }

    /** A server that sends NOISE, waits for one byte back, then closes. */
    static class NoiseServer implements Protocol {
        Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            transport.write(NOISE);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.close();
        }
    }

    /** Ports test_buffered_proto.py BaseTestBufferedProtocol.test_buffered_proto_create_connection. */
    @Test
    void bufferedProtoCreateConnection() {
        byte[] got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(NoiseServer::new, "127.0.0.1", 0)) {
                Connection<Transport, ReceiveStuffProto> c =
                        loop.createConnection(ReceiveStuffProto::new, "127.0.0.1", port(server));
                c.protocol().lost.await();
                assertEquals(1, c.protocol().eofs);
                assertTrue(c.protocol().hints.stream().allMatch(h -> h == -1));
                server.close();
                server.waitClosed();
                return c.protocol().data.toByteArray();
            }
        });
        assertArrayEquals(NOISE, got);
    }

    /** Ports SelectorSocketTransportBufferedProtocolTests.test_read_ready_eof_keep_open. */
    @Test
    void eofReceivedTrueKeepsTheConnectionOpen() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, ReceiveStuffProto> c = loop.createConnection(() -> {
                    ReceiveStuffProto p = new ReceiveStuffProto();
                    p.keepOpen = true;
                    return p;
                }, "127.0.0.1", port(server));
                RecordingProtocol sp = accepted.get(0);
                sp.made.await();
                sp.transport.write("abc");
                sp.transport.writeEof();
                while (c.protocol().eofs == 0) {
                    Asyncio.sleep(0);
                }
                assertFalse(c.transport().isClosing());
                assertEquals("abc", c.protocol().data.toString(StandardCharsets.UTF_8));
                c.transport().write("reply");
                sp.awaitBytes(5);
                c.transport().close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /**
     * Ports SelectorSocketTransportBufferedProtocolTests.test_get_buffer_zerosized and
     * test_get_buffer_error: a bad buffer is a fatal error reported with the transport.
     */
    @Test
    void emptyBufferFromGetBufferIsFatal() {
        List<Map<String, Object>> errors = new ArrayList<>();
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(NoiseServer::new, "127.0.0.1", 0)) {
                Connection<Transport, ReceiveStuffProto> c = loop.createConnection(() -> new ReceiveStuffProto() {
                    @Override
                    public ByteBuffer getBuffer(int sizeHint) {
                        return ByteBuffer.allocate(0);
                    }
                }, "127.0.0.1", port(server));
                Throwable e = assertThrows(IllegalStateException.class, () -> c.protocol().lost.await());
                assertEquals("getBuffer() returned an empty buffer", e.getMessage());
            }
            return null;
        });
        assertEquals(1, errors.size());
        assertEquals("Fatal error: protocol.getBuffer() call failed.", errors.get(0).get("message"));
        assertNotNull(errors.get(0).get("transport"));
    }

    /** Ports SelectorSocketTransportBufferedProtocolTests.test_buffer_updated_error. */
    @Test
    void bufferUpdatedErrorIsFatal() {
        List<Map<String, Object>> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(NoiseServer::new, "127.0.0.1", 0)) {
                Connection<Transport, ReceiveStuffProto> c = loop.createConnection(() -> new ReceiveStuffProto() {
                    @Override
                    public void bufferUpdated(int nbytes) {
                        throw boom;
                    }
                }, "127.0.0.1", port(server));
                assertSame(boom, assertThrows(RuntimeException.class, () -> c.protocol().lost.await()));
            }
            return null;
        });
        assertEquals(1, errors.size());
        assertEquals("Fatal error: protocol.bufferUpdated() call failed.", errors.get(0).get("message"));
        assertSame(boom, errors.get(0).get("exception"));
    }

    /** Ports SelectorSocketTransportBufferedProtocolTests.test_proto_type_switch: setProtocol changes the read mode. */
    @Test
    void switchingBetweenProtocolAndBufferedProtocol() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                c.transport().write("one");
                c.protocol().awaitBytes(3);
                ReceiveStuffProto buffered = new ReceiveStuffProto();
                buffered.transport = c.transport();
                c.transport().setProtocol(buffered);
                assertSame(buffered, c.transport().getProtocol());
                c.transport().write("two");
                while (buffered.data.size() < 3) {
                    Asyncio.sleep(0);
                }
                assertEquals("two", buffered.data.toString(StandardCharsets.UTF_8));
                assertEquals("one", c.protocol().text());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> c.transport().setProtocol(new BaseProtocol<Transport>() { }));
                assertTrue(e.getMessage().contains("Protocol or a BufferedProtocol"), e.getMessage());
                c.transport().close();
                buffered.lost.await();
            }
            return null;
        });
    }
}
