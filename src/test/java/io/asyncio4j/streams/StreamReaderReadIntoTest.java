package io.asyncio4j.streams;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.sleep;
import static io.asyncio4j.streams.StreamReaderTest.b;
import static io.asyncio4j.streams.StreamReaderTest.run;
import static io.asyncio4j.streams.StreamReaderTest.s;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link StreamReader#readInto}: {@code read(n)} into a caller's buffer. asyncio's StreamReader has
 * no such method; the cases mirror test_streams.py's read cases (test_read, test_read_eof,
 * test_read_exception, test_exception_cancel) and Python's {@code readinto} contract (0 at EOF),
 * plus the direct path where the transport reads straight into the waiting read's buffer.
 */
@Timeout(30)
class StreamReaderReadIntoTest {

    private static String contents(ByteBuffer buf) {
        ByteBuffer view = buf.duplicate().flip();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return s(out);
    }

    /** Buffered bytes are returned at once, as many as fit; the rest stays buffered. */
    @Test
    void returnsBufferedBytesThatFit() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line1\n"));
            r.feedData(b("line2\n"));
            ByteBuffer buf = ByteBuffer.allocate(8);
            assertEquals(8, r.readInto(buf));
            assertEquals("line1\nli", contents(buf));
            assertEquals("ne2\n", s(r.read(100)));
        });
    }

    /** test_read analogue: a waiting readInto gets the next feed straight into its buffer. */
    @Test
    void waitingReadGetsFeedDirectly() {
        run(loop -> {
            StreamReader r = new StreamReader();
            ByteBuffer buf = ByteBuffer.allocate(4);
            Task<Integer> t = createTask(() -> r.readInto(buf));
            sleep(0);
            loop.callSoon(() -> r.feedData(b("abcdefg")));
            assertEquals(4, t.await());
            assertEquals("abcd", contents(buf));
            assertEquals(3, r.buffered(), "what did not fit is buffered");
            assertEquals("efg", s(r.read(10)));
        });
    }

    /** Python's readinto: 0 at the end of the stream, and 0 for a buffer without room. */
    @Test
    void zeroAtEofAndForFullBuffer() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("x"));
            assertEquals(0, r.readInto(ByteBuffer.allocate(0)));
            Task<Integer> t = createTask(() -> {
                ByteBuffer buf = ByteBuffer.allocate(10);
                int first = r.readInto(buf);
                int second = r.readInto(buf);
                return first * 100 + second;
            });
            sleep(0);
            r.feedEof();
            assertEquals(100, t.await(), "1 byte, then 0 at EOF");
            assertTrue(r.atEof());
        });
    }

    /** A read-only buffer is refused with a clear exception, before anything is consumed. */
    @Test
    void readOnlyBufferRefused() {
        StreamReader r = new StreamReader();
        r.feedData(b("abc"));
        assertThrows(ReadOnlyBufferException.class, () -> r.readInto(ByteBuffer.allocate(4).asReadOnlyBuffer()));
        assertEquals(3, r.buffered());
    }

    /** test_read_exception: the reader's error is raised, also to a waiting readInto. */
    @Test
    void exceptionRaised() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<Integer> t = createTask(() -> r.readInto(ByteBuffer.allocate(4)));
            sleep(0);
            r.setException(new IOException("reset"));
            IOException e = assertThrows(IOException.class, t::await);
            assertEquals("reset", e.getMessage());
            assertThrows(IOException.class, () -> r.readInto(ByteBuffer.allocate(4)));
        });
    }

    /**
     * Cancelled after bytes already went into its buffer (the task was woken but had not run yet):
     * the bytes go back to the reader in order, the buffer's position is restored, nothing is lost.
     */
    @Test
    void cancelAfterDirectFillLosesNothing() {
        run(loop -> {
            StreamReader r = new StreamReader();
            ByteBuffer buf = ByteBuffer.allocate(16);
            buf.put(b("kept"));
            Task<Integer> t = createTask(() -> r.readInto(buf));
            sleep(0);
            r.feedData(b("abc"));   // straight into buf
            r.feedData(b("def"));   // buffered: the read is already satisfied
            t.cancel();
            assertThrows(CancelledError.class, t::await);
            assertEquals("kept", contents(buf), "position restored");
            assertEquals("abcdef", s(r.read(100)));
        });
    }

    /** Cancelled while nothing arrived: no trace, and a later read works (test_exception_cancel). */
    @Test
    void cancelWhileWaiting() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<Integer> t = createTask(() -> r.readInto(ByteBuffer.allocate(4)));
            sleep(0);
            t.cancel();
            assertThrows(CancelledError.class, t::await);
            r.feedData(b("xy"));
            ByteBuffer buf = ByteBuffer.allocate(4);
            assertEquals(2, r.readInto(buf));
            assertEquals("xy", contents(buf));
        });
    }

    /** Only one task may wait, whichever read method it uses (asyncio's _wait_for_data). */
    @Test
    void secondWaiterRefused() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(() -> r.read(5));
            sleep(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.readInto(ByteBuffer.allocate(1)));
            assertTrue(e.getMessage().startsWith("readInto() called while another task"), e.getMessage());
            r.feedData(b("ok"));
            assertEquals("ok", s(t.await()));
        });
    }

    /** A refused second readInto leaves the waiting one's buffer lent: the feed still goes straight there. */
    @Test
    void refusedSecondReadIntoKeepsTheFirstDirect() {
        run(loop -> {
            StreamReader r = new StreamReader();
            ByteBuffer first = ByteBuffer.allocate(8);
            Task<Integer> t = createTask(() -> r.readInto(first));
            sleep(0);
            assertThrows(IllegalStateException.class, () -> r.readInto(ByteBuffer.allocate(8)));
            r.feedData(b("abc"));
            assertEquals(0, r.buffered(), "went straight into the waiting read's buffer");
            assertEquals(3, t.await());
            assertEquals("abc", contents(first));
        });
    }

    /** Draining a paused reader with readInto resumes the transport at the limit. */
    @Test
    void resumesPausedTransport() {
        run(loop -> {
            StreamReader r = new StreamReader(10);
            FakeTransport t = new FakeTransport(null);
            r.setTransport(t);
            r.feedData(new byte[21]);
            assertFalse(t.isReading());
            assertEquals(10, r.readInto(ByteBuffer.allocate(10)));
            assertFalse(t.isReading(), "11 bytes left > limit");
            assertEquals(1, r.readInto(ByteBuffer.allocate(1)));
            assertTrue(t.isReading(), "10 bytes left <= limit");
            assertEquals(List.of("pause", "resume"), t.events);
        });
    }

    /**
     * The protocol lends the waiting read's own buffer to the transport (so a socket is read
     * straight into it), and the shared receive buffer otherwise.
     */
    @Test
    void protocolLendsTheWaitingBuffer() {
        run(loop -> {
            StreamReader r = new StreamReader();
            StreamReaderProtocol p = new StreamReaderProtocol(r, loop);
            p.connectionMade(new FakeTransport(p));
            ByteBuffer buf = ByteBuffer.allocateDirect(8);
            Task<Integer> t = createTask(() -> r.readInto(buf));
            sleep(0);
            ByteBuffer lent = p.getBuffer(-1);
            assertSame(buf, lent);
            lent.put(b("hello"));
            p.bufferUpdated(5);
            assertEquals(5, t.await());
            assertEquals("hello", contents(buf));

            ByteBuffer scratch = p.getBuffer(-1);
            assertNotSame(buf, scratch);
            scratch.put(b("more"));
            p.bufferUpdated(4);
            assertEquals("more", s(r.read(10)));
        });
    }
}
