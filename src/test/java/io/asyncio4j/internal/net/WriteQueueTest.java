package io.asyncio4j.internal.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The transport's write buffer: copies of unsent tails, appended to spare room, flushed with
 * gathering writes (asyncio 3.12's deque + sendmsg in selector_events._SelectorSocketTransport).
 */
class WriteQueueTest {

    /** A channel that takes at most {@code budget} bytes per write call and records the calls. */
    static final class ThrottledChannel implements GatheringByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        int budget;
        int calls;
        int lastGatherLength;

        ThrottledChannel(int budget) {
            this.budget = budget;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            calls++;
            lastGatherLength = length;
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += take(srcs[i], budget - (int) total);
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            calls++;
            lastGatherLength = 1;
            return take(src, budget);
        }

        private int take(ByteBuffer b, int max) {
            int n = Math.min(b.remaining(), Math.max(0, max));
            for (int i = 0; i < n; i++) {
                taken.write(b.get());
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    /** Ports test_selector_events.py test_write_buffer (tail copied, the caller's buffer consumed). */
    @Test
    void addCopiesAndConsumes() {
        WriteQueue q = new WriteQueue();
        ByteBuffer data = bytes("hello");
        q.add(data);
        assertFalse(data.hasRemaining());
        data.clear().put(0, "XXXXX".getBytes());
        assertEquals(5, q.size());
        q.add(ByteBuffer.allocate(0));
        assertEquals(5, q.size());
        ThrottledChannel ch = new ThrottledChannel(100);
        assertDoesNotThrow(() -> q.flushTo(ch));
        assertEquals("hello", ch.taken.toString());
        assertTrue(q.isEmpty());
    }

    /** Small writes to a blocked socket share one chunk instead of becoming many buffers. */
    @Test
    void smallTailsShareAChunk() throws Exception {
        WriteQueue q = new WriteQueue();
        for (int i = 0; i < 100; i++) {
            q.add(bytes("ab"));
        }
        ThrottledChannel ch = new ThrottledChannel(1 << 20);
        q.flushTo(ch);
        assertEquals(1, ch.lastGatherLength, "one chunk");
        assertEquals("ab".repeat(100), ch.taken.toString());
    }

    /**
     * Ports test_selector_events.py test_write_sendmsg_partial / test_write_ready_partial: a
     * gathering write takes several chunks at once; a partial write keeps the rest in order.
     */
    @Test
    void partialGatheringWritesKeepOrder() throws Exception {
        WriteQueue q = new WriteQueue();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String s = String.valueOf((char) ('a' + i)).repeat(5000); // bigger than the spare room
            q.add(bytes(s));
            expected.append(s);
        }
        ThrottledChannel ch = new ThrottledChannel(7000);
        assertEquals(7000, q.flushTo(ch));
        assertEquals(5, ch.lastGatherLength, "all chunks offered to one gathering write");
        assertEquals(18000, q.size());
        while (!q.isEmpty()) {
            q.flushTo(ch);
        }
        assertEquals(expected.toString(), ch.taken.toString());
        ch.budget = 0;
        q.add(bytes("z"));
        assertEquals(0, q.flushTo(ch));
        assertEquals(1, q.size());
        q.clear();
        assertTrue(q.isEmpty());
    }
}
