package io.asyncio4j.streams;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds, kept as a queue of arrays so that a read can often hand
 * out an array as it is instead of copying it once more.
 *
 * <p>Why: a reader returns a fresh {@code byte[]} per read, and the bytes arrive in a buffer the
 * transport reuses, so one copy is unavoidable. A single contiguous buffer costs two (into the
 * buffer, then out into the result). Here {@link #append} copies incoming bytes into arrays cut
 * to the size reads ask for ({@code splitHint}: the last {@code read(n)}), and {@link #take}
 * returns such an array itself when a read wants exactly all of it.
 *
 * <p>Invariant: every chunk but the last is full ({@code end == length}); only the first has a
 * start offset. Small appends to a non-empty buffer get a chunk with spare room, so many tiny
 * feeds do not become many tiny arrays. Searches ({@link #flatten}) merge everything into one
 * chunk with room to double, which keeps byte-at-a-time growth amortised O(1).
 *
 * <p>Not thread-safe: used on the loop's thread.
 */
final class ChunkBuffer {
    /** Feeds at least this big get exact-size chunks; smaller ones into a non-empty buffer get this much room. */
    static final int SMALL = 4096;
    private static final int MIN_FLAT = 256;
    private static final byte[] EMPTY = new byte[0];

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>(4);
    /** Read offset in the first chunk. */
    private int start;
    /** Fill end of the last chunk. */
    private int end;
    private int size;

    /** {@return how many bytes are held} */
    int size() {
        return size;
    }

    /**
     * Copies the remaining bytes of {@code src} to the end (consuming them).
     *
     * @param src the bytes
     * @param splitHint the size reads are expected to ask for, or 0; chunk boundaries are put
     *                  where reads of that size would end (only when at least {@link #SMALL})
     */
    void append(ByteBuffer src, int splitHint) {
        int n = src.remaining();
        byte[] last = chunks.peekLast();
        if (last != null && last.length > end) {
            int k = Math.min(last.length - end, n);
            src.get(last, end, k);
            end += k;
            size += k;
            n -= k;
        }
        while (n > 0) {
            int piece = splitHint >= SMALL ? splitHint - size % splitHint : Integer.MAX_VALUE;
            int want = size == 0 || n >= SMALL ? n : SMALL;
            int cap = Math.min(want, piece);
            int k = Math.min(cap, n);
            byte[] c = new byte[cap];
            src.get(c, 0, k);
            if (chunks.isEmpty()) {
                start = 0;
            }
            chunks.addLast(c);
            end = k;
            size += k;
            n -= k;
        }
    }

    /**
     * Removes and returns the first {@code k} bytes; the array is one of the chunks themselves
     * when it holds exactly those bytes.
     *
     * @param k how many bytes, {@code 0 <= k <= size()}
     * @return the bytes, owned by the caller
     */
    byte[] take(int k) {
        if (k == 0) {
            return EMPTY;
        }
        byte[] first = chunks.peekFirst();
        int firstEnd = chunks.size() == 1 ? end : first.length;
        int avail = firstEnd - start;
        byte[] out;
        if (start == 0 && k == first.length && avail == k) {
            out = first; // handed over: the chunk leaves the queue below
        } else if (k <= avail) {
            out = Arrays.copyOfRange(first, start, start + k);
        } else {
            out = new byte[k];
            takeInto(ByteBuffer.wrap(out), k);
            return out;
        }
        skip(k);
        return out;
    }

    /**
     * Moves the first {@code k} bytes into {@code dst} (at its position, advancing it).
     *
     * @param dst where to; at least {@code k} bytes of room
     * @param k how many, {@code 0 <= k <= size()}
     */
    void takeInto(ByteBuffer dst, int k) {
        int left = k;
        while (left > 0) {
            byte[] first = chunks.peekFirst();
            int firstEnd = chunks.size() == 1 ? end : first.length;
            int m = Math.min(firstEnd - start, left);
            dst.put(first, start, m);
            left -= m;
            skip(m);
        }
    }

    /**
     * Puts the remaining bytes of {@code src} back in front of what is held (a read that could
     * not return them), consuming them. A rare path: everything is merged into one chunk, since
     * only the first chunk may start at an offset.
     *
     * @param src the bytes
     */
    void unread(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        int rest = size;
        byte[] merged = new byte[n + rest];
        src.get(merged, 0, n);
        takeInto(ByteBuffer.wrap(merged, n, rest), rest);
        clear();
        chunks.addLast(merged);
        end = size = merged.length;
    }

    /**
     * Drops the first {@code k} bytes.
     *
     * @param k how many, {@code 0 <= k <= size()}
     */
    void skip(int k) {
        size -= k;
        while (k > 0) {
            byte[] first = chunks.peekFirst();
            int firstEnd = chunks.size() == 1 ? end : first.length;
            int avail = firstEnd - start;
            if (k < avail) {
                start += k;
                return;
            }
            k -= avail;
            chunks.pollFirst();
            start = 0;
        }
        if (chunks.isEmpty()) {
            end = 0;
        }
    }

    /** Drops everything. */
    void clear() {
        chunks.clear();
        start = end = size = 0;
    }

    /** {@return a copy of every byte held} */
    byte[] snapshot() {
        byte[] out = new byte[size];
        int pos = 0;
        int i = 0;
        int count = chunks.size();
        for (byte[] c : chunks) {
            int from = i == 0 ? start : 0;
            int to = i == count - 1 ? end : c.length;
            System.arraycopy(c, from, out, pos, to - from);
            pos += to - from;
            i++;
        }
        return out;
    }

    /**
     * Makes the bytes one contiguous run, for searching: afterwards {@link #array()} holds them
     * from {@link #start()} to {@link #end()}. Merging leaves room to double.
     */
    void flatten() {
        if (chunks.size() <= 1) {
            return;
        }
        byte[] merged = new byte[Math.max(MIN_FLAT, size <= Integer.MAX_VALUE / 2 ? 2 * size : size)];
        int n = size;
        takeInto(ByteBuffer.wrap(merged), n);
        chunks.addLast(merged);
        start = 0;
        end = n;
        size = n;
    }

    /** {@return the first chunk (after {@link #flatten()}, the only one), or an empty array} */
    byte[] array() {
        byte[] first = chunks.peekFirst();
        return first == null ? EMPTY : first;
    }

    /** {@return where the bytes start in {@link #array()}} */
    int start() {
        return chunks.isEmpty() ? 0 : start;
    }

    /** {@return where the bytes end in {@link #array()} (valid after {@link #flatten()})} */
    int end() {
        return chunks.isEmpty() ? 0 : chunks.size() == 1 ? end : chunks.peekFirst().length;
    }
}
