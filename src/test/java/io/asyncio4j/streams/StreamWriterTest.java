package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** StreamWriter and StreamReaderProtocol over an in-memory transport (test_streams.py writer cases). */
@Timeout(30)
class StreamWriterTest {
    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** A connected reader/protocol/writer triple on a fake transport. */
    private record Conn(StreamReader reader, StreamReaderProtocol protocol, FakeTransport transport, StreamWriter writer) {
        static Conn open(EventLoop loop) {
            StreamReader r = new StreamReader();
            StreamReaderProtocol p = new StreamReaderProtocol(r, loop);
            FakeTransport t = new FakeTransport(p);
            p.connectionMade(t);
            return new Conn(r, p, t, new StreamWriter(t, p, r, loop));
        }
    }

    @Test
    void writeWritelinesAndExtraInfo() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            c.writer().write("ab");
            c.writer().write(new byte[]{'c'});
            c.writer().writelines(List.of(new byte[]{'d'}, new byte[]{'e', 'f'}));
            c.writer().drain();
            c.transport().flush(100);
            assertEquals("abcdef", s(c.transport().sent.toByteArray()));
            assertEquals("fake-peer", c.writer().getExtraInfo("peername"));
            assertEquals("dflt", c.writer().getExtraInfo("nope", "dflt"));
            assertTrue(c.writer().canWriteEof());
            c.writer().writeEof();
            assertEquals(List.of("writeEof"), c.transport().events);
            return null;
        });
    }

    /** drain() suspends above the high water mark and returns once the transport drains. */
    @Test
    void drainWaitsForResumeWriting() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            c.transport().setWriteBufferLimits(10, 2);
            c.writer().write(new byte[11]);
            List<String> log = new ArrayList<>();
            Task<Void> d = createTask(() -> {
                c.writer().drain();
                log.add("drained at " + getRunningLoop().time());
                return null;
            });
            getRunningLoop().callLater(5, () -> c.transport().flush(5));
            getRunningLoop().callLater(7, () -> c.transport().flush(5));
            d.await();
            assertEquals(List.of("drained at 7.0"), log);
            return null;
        });
    }

    /** test_multiple_drain: several tasks may wait in drain() at once. */
    @Test
    void multipleDrain() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            c.transport().setWriteBufferLimits(1, 0);
            c.writer().write(new byte[2]);
            Task<Void> a = createTask(() -> { c.writer().drain(); return null; });
            Task<Void> b = createTask(() -> { c.writer().drain(); return null; });
            sleep(0);
            assertFalse(a.done());
            c.transport().flush(2);
            gather(a, b).await();
            return null;
        });
    }

    /** drain() raises the connection's error (a reset) promptly, also while paused. */
    @Test
    void drainRaisesConnectionError() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            c.transport().setWriteBufferLimits(1, 0);
            c.writer().write(new byte[2]);
            Task<Void> d = createTask(() -> { c.writer().drain(); return null; });
            sleep(0);
            SocketException reset = new SocketException("Connection reset");
            c.transport().lose(reset);
            Exception e = assertThrows(Exception.class, d::await);
            // One type for a reset, as asyncio's ConnectionResetError; the JDK's error is the cause.
            assertInstanceOf(io.asyncio4j.ConnectionResetError.class, e);
            assertSame(reset, e.getCause());
            // Later drains raise it from the reader's exception.
            assertSame(e, assertThrows(Exception.class, () -> c.writer().drain()));
            assertSame(e, assertThrows(Exception.class, () -> c.writer().waitClosed()));
            return null;
        });
    }

    /** test_drain_raises idea: after a clean close, drain() says the connection is lost. */
    @Test
    void drainAfterCleanCloseSaysConnectionLost() {
        VirtualTimeLoop.run(() -> {
            StreamReaderProtocol p = new StreamReaderProtocol(null, getRunningLoop());
            FakeTransport t = new FakeTransport(p);
            p.connectionMade(t);
            StreamWriter w = new StreamWriter(t, p, null, getRunningLoop());
            w.close();
            assertTrue(w.isClosing());
            getRunningLoop().callSoon(() -> p.connectionLost(null));
            Exception e = assertThrows(Exception.class, w::drain);
            assertInstanceOf(SocketException.class, e);
            assertEquals("Connection lost", e.getMessage());
            w.waitClosed();
            return null;
        });
    }

    /** test_wait_closed_on_close: waitClosed returns once connectionLost ran; the reader sees EOF. */
    @Test
    void waitClosedOnClose() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            c.reader().feedData(new byte[]{'x', '\n'});
            c.writer().close();
            getRunningLoop().callLater(1, () -> c.protocol().connectionLost(null));
            c.writer().waitClosed();
            assertEquals(1.0, getRunningLoop().time(), 1e-9);
            assertEquals("x\n", s(c.reader().readline()));
            assertTrue(c.reader().atEof());
            return null;
        });
    }

    /** eofReceived feeds EOF and keeps the connection half-open (asyncio returns True). */
    @Test
    void eofReceivedKeepsHalfOpen() {
        VirtualTimeLoop.run(() -> {
            Conn c = Conn.open(getRunningLoop());
            assertTrue(c.protocol().eofReceived());
            assertEquals(0, c.reader().read().length);
            return null;
        });
    }

    /** The client-connected callback runs as a task; its failure is reported and closes the transport. */
    @Test
    void clientConnectedCallbackRunsAsTask() {
        List<Map<String, Object>> reported = new ArrayList<>();
        VirtualTimeLoop.run(() -> {
            EventLoop loop = getRunningLoop();
            loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
            List<String> seen = new ArrayList<>();
            StreamReaderProtocol p = new StreamReaderProtocol(new StreamReader(), (r, w) -> {
                seen.add("in task " + (currentTask() != null));
                seen.add(s(r.readline()));
                w.write("bye");
                throw new IllegalStateException("handler failed");
            }, loop);
            FakeTransport t = new FakeTransport(p);
            p.connectionMade(t);
            p.dataReceived(java.nio.ByteBuffer.wrap("hi\n".getBytes()));
            sleep(0.1);
            assertEquals(List.of("in task true", "hi\n"), seen);
            assertTrue(t.events.contains("close"));
            return null;
        });
        assertEquals(1, reported.size());
        assertEquals("Unhandled exception in client_connected_cb", reported.get(0).get("message"));
        assertInstanceOf(IllegalStateException.class, reported.get(0).get("exception"));
    }

    /** The writer needs a transport, a protocol and a loop. */
    @Test
    void constructorRejectsNulls() {
        VirtualTimeLoop.run(() -> {
            StreamReaderProtocol p = new StreamReaderProtocol(null, getRunningLoop());
            assertThrows(NullPointerException.class, () -> new StreamWriter(null, p, null, getRunningLoop()));
            return null;
        });
    }
}
