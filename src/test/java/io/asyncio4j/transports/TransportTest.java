package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The stream transport over real loopback sockets: asyncio's test_selector_events.py
 * SelectorSocketTransportTests (their mock-based cases redone against real sockets) and
 * test_events.py's create_connection/create_server cases.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class TransportTest {

    /** Ports test_events.py EventLoopTestsMixin.test_create_connection and test_create_server. */
    @Test
    void createConnectionEchoRoundTrip() {
        String got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                RecordingProtocol p = c.protocol();
                assertSame(c.transport(), p.made.await(), "connectionMade ran before createConnection returned");
                assertTrue(p.made.done());
                c.transport().write("hello ");
                assertEquals(0, c.transport().getWriteBufferSize(), "a small write goes straight to the socket");
                c.transport().write("world".getBytes(StandardCharsets.UTF_8));
                p.awaitBytes(11);
                c.transport().close();
                assertNull(p.lost.await());
                assertEquals(List.of("made", "data", "lost"), p.events);
                return p.text();
            }
        });
        assertEquals("hello world", got);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_connection (the get_extra_info checks). */
    @Test
    void extraInfoNamesBothEndsAndTheChannel() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                SocketChannel ch = (SocketChannel) t.getExtraInfo("socket");
                assertEquals(ch.getRemoteAddress(), t.getExtraInfo("peername"));
                assertEquals(ch.getLocalAddress(), t.getExtraInfo("sockname"));
                assertEquals(new InetSocketAddress("127.0.0.1", port(server)), t.getExtraInfo("peername"));
                assertNull(t.getExtraInfo("peercert"));
                assertEquals("dflt", t.getExtraInfo("nope", "dflt"));
                assertTrue(ch.getOption(StandardSocketOptions.TCP_NODELAY), "asyncio sets TCP_NODELAY");
                assertSame(c.protocol(), t.getProtocol());
                t.close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /** Ports test_selector_events.py SelectorSocketTransportTests.test_writelines_send_full. */
    @Test
    void writelinesSendsEveryBufferInOrder() {
        String got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                c.transport().writelines(List.of(ByteBuffer.wrap("ab".getBytes()), ByteBuffer.allocate(0),
                        ByteBuffer.wrap("cd".getBytes())));
                c.protocol().awaitBytes(4);
                c.transport().close();
                c.protocol().lost.await();
                return c.protocol().text();
            }
        });
        assertEquals("abcd", got);
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_write_eof and
     * Half-close over create_connection: the client shuts its sending half;
     * the server sees EOF, keeps the connection half-open and can still answer.
     */
    @Test
    void writeEofHalfClosesFromTheClient() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                p.keepOpenOnEof = true;
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                assertTrue(t.canWriteEof());
                t.write("question");
                t.writeEof();
                t.writeEof(); // no-op, as in asyncio
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.write("more"));
                assertTrue(e.getMessage().contains("writeEof"), e.getMessage());
                RecordingProtocol sp = accepted.get(0) == null ? null : accepted.get(0);
                sp.made.await();
                sp.eof.await();
                assertEquals("question", sp.text());
                assertFalse(sp.transport.isClosing(), "eofReceived returned true: still open");
                sp.transport.write("answer");
                sp.transport.close();
                assertNull(c.protocol().lost.await());
                assertEquals("answer", c.protocol().text());
                assertEquals(List.of("made", "data", "eof", "lost"), c.protocol().events);
                assertNull(sp.lost.await());
                assertEquals(List.of("made", "data", "eof", "lost"), sp.events);
            }
            return null;
        });
    }

    /** The other direction: the server shuts its sending half, the client keeps writing. */
    @Test
    void writeEofHalfClosesFromTheServer() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c = loop.createConnection(() -> {
                    RecordingProtocol p = new RecordingProtocol();
                    p.keepOpenOnEof = true;
                    return p;
                }, "127.0.0.1", port(server));
                RecordingProtocol sp = accepted.get(0);
                Transport st = sp.made.await();
                st.write("bye");
                st.writeEof();
                c.protocol().eof.await();
                assertEquals("bye", c.protocol().text());
                assertFalse(c.transport().isClosing());
                c.transport().write("still here");
                sp.awaitBytes(10);
                assertEquals("still here", sp.text());
                c.transport().close();
                c.protocol().lost.await();
                sp.eof.await();
                assertNull(sp.lost.await());
            }
            return null;
        });
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_close_write_buffer: close()
     * flushes what is buffered before the connection goes.
     */
    @Test
    void closeFlushesBufferedData() {
        int size = 8 * 1024 * 1024;
        int got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                c.transport().write(new byte[size]);
                assertTrue(c.transport().getWriteBufferSize() > 0, "8 MiB cannot all go at once");
                c.transport().close();
                assertTrue(c.transport().isClosing());
                assertFalse(c.transport().isReading());
                RecordingProtocol sp = accepted.get(0);
                sp.eof.await();
                assertNull(c.protocol().lost.await());
                assertEquals(1, c.protocol().lostCalls);
                assertEquals(0, c.transport().getWriteBufferSize());
                return sp.received.size();
            }
        });
        assertEquals(size, got);
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_abort and
     * test_force_close: abort drops the buffer and calls connectionLost(null) once.
     */
    @Test
    void abortDropsBufferedData() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                t.write(new byte[8 * 1024 * 1024]);
                assertTrue(t.getWriteBufferSize() > 0);
                t.abort();
                assertEquals(0, t.getWriteBufferSize());
                assertTrue(t.isClosing());
                t.abort();
                t.close();
                assertNull(c.protocol().lost.await());
                t.write("dropped silently after the loss");
                RecordingProtocol sp = accepted.get(0);
                sp.lost.await();
                assertTrue(sp.received.size() < 8 * 1024 * 1024);
                Asyncio.sleep(0);
                assertEquals(1, c.protocol().lostCalls);
            }
            return null;
        });
    }

    /** Ports test_selector_events.py SelectorTransportTests.test_close: connectionLost once, channel closed. */
    @Test
    void closeTwiceCallsConnectionLostOnceAndClosesTheChannel() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                SocketChannel ch = (SocketChannel) t.getExtraInfo("socket");
                t.close();
                t.close();
                t.abort();
                c.protocol().lost.await();
                Asyncio.sleep(0);
                assertEquals(1, c.protocol().lostCalls);
                assertFalse(ch.isOpen());
            }
            return null;
        });
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_pause_resume_reading:
     * isReading follows pause/resume, both are idempotent, and data waits while paused.
     */
    @Test
    void pauseAndResumeReading() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                assertTrue(t.isReading());
                t.pauseReading();
                t.pauseReading();
                assertFalse(t.isReading());
                t.write("ping");
                // Give the echo a full round trip through a second connection before looking.
                Connection<Transport, RecordingProtocol> probe =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                probe.transport().write("x");
                probe.protocol().awaitBytes(1);
                SocketChannel ch = (SocketChannel) t.getExtraInfo("socket");
                assertEquals(0, c.protocol().received.size(), "no data delivered while paused");
                t.resumeReading();
                t.resumeReading();
                assertTrue(t.isReading());
                c.protocol().awaitBytes(4);
                assertEquals("ping", c.protocol().text());
                t.close();
                assertFalse(t.isReading());
                t.resumeReading();
                assertFalse(t.isReading(), "resume after close is a no-op");
                probe.transport().close();
                c.protocol().lost.await();
                probe.protocol().lost.await();
                assertFalse(ch.isOpen());
            }
            return null;
        });
    }

    /** Ports test_transports.py TransportTests.test_flowcontrol_mixin_set_write_limits (with get_write_buffer_limits). */
    @Test
    void writeBufferLimits() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                Transport t = c.transport();
                assertEquals(64 * 1024, t.getWriteBufferHighLimit());
                assertEquals(16 * 1024, t.getWriteBufferLowLimit());
                assertEquals(new WriteBufferLimits(16 * 1024, 64 * 1024), t.getWriteBufferLimits());
                t.setWriteBufferLimits(200, 100);
                assertEquals(200, t.getWriteBufferHighLimit());
                assertEquals(100, t.getWriteBufferLowLimit());
                t.setWriteBufferLimits(1000, null);
                assertEquals(250, t.getWriteBufferLowLimit());
                t.setWriteBufferLimits(null, 100);
                assertEquals(400, t.getWriteBufferHighLimit());
                assertEquals(new WriteBufferLimits(100, 400), t.getWriteBufferLimits());
                t.setWriteBufferLimits(0, 0);
                assertEquals(0, t.getWriteBufferHighLimit());
                assertEquals(new WriteBufferLimits(0, 0), t.getWriteBufferLimits());
                assertEquals(0, t.getWriteBufferLimits().low());
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(1, 2));
                assertEquals("high (1) must be >= low (2) must be >= 0", e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(0, -1));
                assertEquals(new WriteBufferLimits(0, 0), t.getWriteBufferLimits(), "a refused call changes nothing");
                assertThrows(IllegalArgumentException.class, () -> new WriteBufferLimits(2, 1));
                assertEquals(0, c.protocol().pauseCalls, "nothing buffered, nothing paused");
                t.close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /**
     * A slow reader: the writer's buffer stays bounded because the protocol is paused past the
     * high water mark and resumed at the low one (test_selector_events.py
     * test_write_ready_partial / _maybe_pause_protocol, on real sockets).
     */
    @Test
    void slowReaderPausesTheWriterAtTheHighWaterMark() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                RecordingProtocol sp = accepted.get(0);
                sp.made.await().pauseReading();
                Transport t = c.transport();
                RecordingProtocol cp = c.protocol();
                byte[] chunk = new byte[16 * 1024];
                long sent = 0;
                // A producer that honours pauseWriting, as StreamWriter.drain() does.
                while (cp.pauseCalls == 0) {
                    t.write(chunk);
                    sent += chunk.length;
                    if (cp.pauseCalls == 0) {
                        Asyncio.sleep(0);
                    }
                }
                int buffered = t.getWriteBufferSize();
                assertTrue(buffered > t.getWriteBufferHighLimit(), "paused only past the high mark: " + buffered);
                assertTrue(buffered <= t.getWriteBufferHighLimit() + chunk.length, "bounded: " + buffered);
                assertEquals(1, cp.pauseCalls);
                sp.transport.resumeReading();
                cp.awaitResumed();
                assertEquals(1, cp.resumeCalls);
                assertTrue(t.getWriteBufferSize() <= t.getWriteBufferLowLimit());
                sp.awaitBytes((int) sent);
                assertEquals(sent, sp.received.size());
                t.close();
                cp.lost.await();
            }
            return null;
        });
    }

    /**
     * Peer reset while writing (test_selector_events.py test_write_exception /
     * SelectorSocketTransportTests.test_read_ready_conn_reset on real sockets): connectionLost is called once, with the
     * IOException; later writes are dropped.
     */
    @Test
    void peerResetMidWrite() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(() -> new Protocol() {
                @Override
                public void connectionMade(Transport transport) {
                    // An RST instead of a FIN: SO_LINGER 0, then drop the connection.
                    try {
                        ((SocketChannel) transport.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_LINGER, 0);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    transport.pauseReading();
                    transport.abort();
                }
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                RecordingProtocol p = c.protocol();
                byte[] chunk = new byte[64 * 1024];
                while (!p.lost.done()) {
                    c.transport().write(chunk);
                    Asyncio.sleep(0);
                }
                Throwable exc = p.lost.await();
                assertInstanceOf(IOException.class, exc);
                assertTrue(exc.getMessage().contains("reset") || exc.getMessage().contains("Broken pipe"),
                        exc.getMessage());
                c.transport().write(chunk);
                Asyncio.sleep(0);
                assertEquals(1, p.lostCalls);
                assertEquals(0, c.transport().getWriteBufferSize());
            }
            return null;
        });
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_data_received_error (via
     * _fatal_error): the error goes to the loop's exception handler with the transport and the
     * protocol, and the connection is lost with it.
     */
    @Test
    void dataReceivedErrorIsFatal() {
        List<Map<String, Object>> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        Object[] seen = new Object[2];
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Future<Throwable> lost = loop.createFuture();
                Connection<Transport, Protocol> c = loop.createConnection(() -> new Protocol() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        throw boom;
                    }

                    @Override
                    public void connectionLost(Throwable exc) {
                        lost.setResult(exc);
                    }
                }, "127.0.0.1", port(server));
                seen[0] = c.transport();
                seen[1] = c.protocol();
                c.transport().write("x");
                assertSame(boom, lost.await());
                assertTrue(c.transport().isClosing());
            }
            return null;
        });
        assertEquals(1, errors.size(), errors.toString());
        Map<String, Object> ctx = errors.get(0);
        assertEquals("Fatal error: protocol.dataReceived() call failed.", ctx.get("message"));
        assertSame(boom, ctx.get("exception"));
        assertSame(seen[0], ctx.get("transport"));
        assertSame(seen[1], ctx.get("protocol"));
    }

    /** Ports test_selector_events.py SelectorSocketTransportTests.test_write_memoryview / test_write_no_data. */
    @Test
    void writeCopiesWhatItCannotSendSoTheCallerMayReuseTheBuffer() {
        int size = 4 * 1024 * 1024;
        byte[] got = run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                ByteBuffer buf = ByteBuffer.allocateDirect(size);
                for (int i = 0; i < size; i++) {
                    buf.put(i, (byte) i);
                }
                c.transport().write(ByteBuffer.allocate(0));
                c.transport().write(buf);
                assertFalse(buf.hasRemaining(), "write consumes the buffer");
                for (int i = 0; i < size; i++) {
                    buf.put(i, (byte) 0xFF); // reuse: must not change what is sent
                }
                accepted.get(0).awaitBytes(size);
                c.transport().close();
                c.protocol().lost.await();
                return accepted.get(0).received.toByteArray();
            }
        });
        assertEquals(size, got.length);
        for (int i = 0; i < size; i += 997) {
            assertEquals((byte) i, got[i], "byte " + i);
        }
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_connection_local_addr. */
    @Test
    void createConnectionBindsTheLocalAddress() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0);
                 java.nio.channels.ServerSocketChannel probe = java.nio.channels.ServerSocketChannel.open()) {
                probe.bind(new InetSocketAddress("127.0.0.1", 0));
                int free = NetTesting.address(probe).getPort();
                probe.close();
                Connection<Transport, RecordingProtocol> c = loop.createConnection(RecordingProtocol::new,
                        "127.0.0.1", port(server),
                        ConnectOptions.DEFAULT.withLocalAddress(new InetSocketAddress("127.0.0.1", free)));
                assertEquals(free, ((InetSocketAddress) c.transport().getExtraInfo("sockname")).getPort());
                c.transport().close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_connect_accepted_socket. */
    @Test
    void connectAcceptedSocketWrapsAConnectedChannel() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                listener.configureBlocking(false);
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                io.asyncio4j.Task<Void> connecting = Asyncio.createTask(() -> {
                    loop.sockConnect(client, NetTesting.address(listener));
                    return null;
                });
                SocketChannel conn = loop.sockAccept(listener);
                connecting.await();
                Connection<Transport, EchoProtocol> server = loop.connectAcceptedSocket(EchoProtocol::new, conn, null);
                assertSame(server.transport(), server.protocol().transport());
                loop.sockSendall(client, ByteBuffer.wrap("echo me".getBytes()));
                ByteBuffer back = ByteBuffer.allocate(7);
                while (back.hasRemaining()) {
                    assertTrue(loop.sockRecvInto(client, back) > 0);
                }
                assertEquals("echo me", new String(back.array()));
                client.shutdownOutput();
                assertEquals(0, loop.sockRecv(client, 10).remaining(), "server closed after EOF");
                client.close();
                try (SocketChannel unconnected = SocketChannel.open()) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> loop.connectAcceptedSocket(EchoProtocol::new, unconnected, null));
                    assertTrue(e.getMessage().contains("connected"), e.getMessage());
                }
            }
            return null;
        });
    }

    /**
     * Ports test_selector_events.py SelectorSocketTransportTests.test_write_eof_buffer: with data
     * buffered, writeEof shuts the sending half only after the flush.
     */
    @Test
    void writeEofAfterBufferedDataFlushesFirst() {
        int size = 8 * 1024 * 1024;
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<RecordingProtocol> accepted = new ArrayList<>();
            try (Server server = loop.createServer(() -> {
                RecordingProtocol p = new RecordingProtocol();
                p.keepOpenOnEof = true;
                accepted.add(p);
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c =
                        loop.createConnection(RecordingProtocol::new, "127.0.0.1", port(server));
                c.transport().write(new byte[size]);
                assertTrue(c.transport().getWriteBufferSize() > 0);
                c.transport().writeEof();
                RecordingProtocol sp = accepted.get(0);
                sp.eof.await();
                assertEquals(size, sp.received.size(), "every byte arrived before the EOF");
                assertEquals(0, c.transport().getWriteBufferSize());
                assertFalse(c.transport().isClosing());
                sp.transport.close();
                assertNull(c.protocol().lost.await());
            }
            return null;
        });
    }

    /** Ports test_selector_events.py SelectorSocketTransportBufferedProtocolTests.test_read_eof_received_error. */
    @Test
    void eofReceivedErrorIsFatal() {
        List<Map<String, Object>> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("eof boom");
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c = loop.createConnection(() -> new RecordingProtocol() {
                    @Override
                    public boolean eofReceived() {
                        throw boom;
                    }
                }, "127.0.0.1", port(server));
                c.transport().writeEof(); // the echo server closes, we see EOF
                assertSame(boom, c.protocol().lost.await());
            }
            return null;
        });
        assertEquals(1, errors.size());
        assertEquals("Fatal error: protocol.eofReceived() call failed.", errors.get(0).get("message"));
    }

    /**
     * Ports test_selector_events.py / test_transports.py's pause_writing error case
     * (_maybe_pause_protocol): a failing pauseWriting is reported, the transport goes on.
     */
    @Test
    void pauseWritingErrorIsReportedNotFatal() {
        List<Map<String, Object>> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("pause boom");
        NetTesting.runCollecting(errors, () -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c = loop.createConnection(() -> new RecordingProtocol() {
                    @Override
                    public void pauseWriting() {
                        super.pauseWriting();
                        throw boom;
                    }
                }, "127.0.0.1", port(server));
                c.transport().pauseReading();
                c.transport().setWriteBufferLimits(0, 0);
                c.transport().write(new byte[8 * 1024 * 1024]);
                assertEquals(1, c.protocol().pauseCalls);
                assertFalse(c.transport().isClosing());
                c.transport().abort();
                c.protocol().lost.await();
            }
            return null;
        });
        assertEquals(1, errors.size());
        assertEquals("protocol.pauseWriting() failed", errors.get(0).get("message"));
        assertSame(boom, errors.get(0).get("exception"));
        assertNotNull(errors.get(0).get("transport"));
    }

    /** Reads go through one reusable buffer per loop: the same instance in every dataReceived call. */
    @Test
    void dataReceivedGetsTheLoopsReusableBuffer() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<ByteBuffer> seen = new ArrayList<>();
            try (Server server = loop.createServer(EchoProtocol::new, "127.0.0.1", 0)) {
                Connection<Transport, RecordingProtocol> c = loop.createConnection(() -> new RecordingProtocol() {
                    @Override
                    public void dataReceived(ByteBuffer data) {
                        seen.add(data);
                        super.dataReceived(data);
                    }
                }, "127.0.0.1", port(server));
                c.transport().write("a");
                c.protocol().awaitBytes(1);
                c.transport().write("b");
                c.protocol().awaitBytes(2);
                assertEquals(2, seen.size());
                assertSame(seen.get(0), seen.get(1));
                assertEquals(256 * 1024, seen.get(0).capacity(), "asyncio's max_size per read");
                c.transport().close();
                c.protocol().lost.await();
            }
            return null;
        });
    }

    /** createConnection suspends, so calling it outside a task fails fast with a clear error. */
    @Test
    void createConnectionOutsideATaskFailsClearly() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.createConnection(EchoProtocol::new, "127.0.0.1", 9));
            assertTrue(e.getMessage().toLowerCase().contains("task"), e.getMessage());
        } finally {
            loop.close();
        }
    }
}
