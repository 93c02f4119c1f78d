package io.asyncio4j.internal.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;

/**
 * The bytes a stream transport could not send at once (asyncio's {@code _buffer} deque of
 * memoryviews). Small tails are appended to the last chunk's spare room so that many small writes
 * to a blocked socket do not become many tiny buffers; a flush is one gathering write.
 *
 * <p>Not thread-safe: used on the loop's thread.
 */
final class WriteQueue {
    /** Most buffers handed to one gathering write (Linux's IOV_MAX is 1024; asyncio uses SC_IOV_MAX). */
    private static final int MAX_GATHER = 64;
    /** Smallest chunk allocated for a tail, so that later small writes can be appended to it. */
    private static final int MIN_CHUNK = 4096;

    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private ByteBuffer[] gather;
    private int size;

    /** {@return the bytes queued} */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Copies the remaining bytes of {@code data} to the end of the queue and consumes them.
     *
     * @param data the bytes
     */
    void add(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer last = chunks.peekLast();
        if (last != null && last.capacity() - last.limit() >= n) {
            int lim = last.limit();
            last.limit(lim + n);
            last.put(lim, data, data.position(), n);
        } else {
            ByteBuffer copy = ByteBuffer.allocate(Math.max(n, MIN_CHUNK));
            copy.put(0, data, data.position(), n);
            copy.limit(n);
            chunks.addLast(copy);
        }
        data.position(data.limit());
        size += n;
    }

    /**
     * Writes as much of the queue as the channel takes.
     *
     * @param ch the channel
     * @return the bytes written
     * @throws IOException if the write fails
     */
    long flushTo(GatheringByteChannel ch) throws IOException {
        long written;
        if (chunks.size() == 1) {
            written = ch.write(chunks.peekFirst());
        } else {
            int k = Math.min(chunks.size(), MAX_GATHER);
            if (gather == null || gather.length < k) {
                gather = new ByteBuffer[Math.min(MAX_GATHER, Math.max(k, 8))];
            }
            int i = 0;
            for (ByteBuffer b : chunks) {
                if (i == k) {
                    break;
                }
                gather[i++] = b;
            }
            written = ch.write(gather, 0, k);
            java.util.Arrays.fill(gather, 0, k, null);
        }
        while (!chunks.isEmpty() && !chunks.peekFirst().hasRemaining()) {
            chunks.pollFirst();
        }
        size -= (int) written;
        return written;
    }

    /** Drops everything queued. */
    void clear() {
        chunks.clear();
        size = 0;
    }
}
