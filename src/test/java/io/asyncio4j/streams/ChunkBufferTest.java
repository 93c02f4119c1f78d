package io.asyncio4j.streams;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The chunk queue behind {@link StreamReader}: chunks cut to the read size are handed out
 * without a copy, small feeds share spare room, searching flattens, and whatever the chunking,
 * the bytes taken are the bytes appended, in order, never aliased by what stays buffered.
 * No CPython counterpart (asyncio keeps one bytearray); StreamReaderTest and
 * StreamReaderFuzzTest cover the reader's observable behaviour on top of it.
 */
class ChunkBufferTest {
    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static ByteBuffer direct(byte[] b) {
        ByteBuffer d = ByteBuffer.allocateDirect(b.length);
        d.put(b).flip();
        return d;
    }

    @Test
    void takeOfAWholeExactChunkHandsItOut() {
        ChunkBuffer buf = new ChunkBuffer();
        byte[] data = pattern(8192, 1);
        ByteBuffer src = direct(data);
        buf.append(src, 8192);
        assertFalse(src.hasRemaining(), "append consumes its source");
        byte[] chunk = buf.array();
        byte[] got = buf.take(8192);
        assertSame(chunk, got);
        assertArrayEquals(data, got);
        assertEquals(0, buf.size());
    }

    @Test
    void appendCutsChunksWhereReadsOfTheHintedSizeEnd() {
        ChunkBuffer buf = new ChunkBuffer();
        byte[] data = pattern(100 * 1024, 2);
        buf.append(direct(data), 65536);
        assertEquals(65536, buf.array().length);
        byte[] first = buf.take(65536);
        assertArrayEquals(Arrays.copyOfRange(data, 0, 65536), first);
        assertEquals(100 * 1024 - 65536, buf.array().length, "the rest is one exact chunk");
        byte[] rest = buf.array();
        assertSame(rest, buf.take(buf.size()));

        // With bytes already buffered the first cut comes where the pending read would end.
        buf.append(direct(pattern(10_000, 3)), 0);
        buf.append(direct(pattern(20_000, 4)), 8192);
        buf.skip(8192);
        assertEquals(10_000 + 20_000 - 8192, buf.size());
        byte[] second = buf.take(8192); // 1808 bytes of the first chunk + 6384 of the second: a copy
        assertEquals(8192, second.length);
        byte[] aligned = buf.array();
        assertEquals(8192, aligned.length);
        assertSame(aligned, buf.take(8192));
    }

    @Test
    void smallFeedsIntoANonEmptyBufferShareOneChunk() {
        ChunkBuffer buf = new ChunkBuffer();
        buf.append(ByteBuffer.wrap(pattern(10, 5)), 0);
        assertEquals(10, buf.array().length, "into an empty buffer: exact");
        for (int i = 0; i < 100; i++) {
            buf.append(ByteBuffer.wrap(pattern(7, i)), 0);
        }
        buf.skip(10);
        assertEquals(ChunkBuffer.SMALL, buf.array().length, "the 100 small feeds share one chunk");
        assertEquals(700, buf.size());
    }

    @Test
    void flattenMergesEverythingWithRoomToGrow() {
        ChunkBuffer buf = new ChunkBuffer();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            byte[] p = pattern(5000 + i, i);
            model.writeBytes(p);
            buf.append(ByteBuffer.wrap(p), 0);
        }
        buf.skip(3);
        buf.flatten();
        byte[] expected = Arrays.copyOfRange(model.toByteArray(), 3, model.size());
        assertEquals(0, buf.start());
        assertEquals(expected.length, buf.end());
        assertTrue(buf.array().length >= 2 * expected.length, "room to double");
        assertArrayEquals(expected, Arrays.copyOfRange(buf.array(), buf.start(), buf.end()));
        // Later feeds go into the spare room: still one chunk.
        byte[] more = pattern(100, 9);
        buf.append(ByteBuffer.wrap(more), 0);
        assertEquals(expected.length + 100, buf.end());
    }

    @Test
    void clearAndEmptyState() {
        ChunkBuffer buf = new ChunkBuffer();
        assertEquals(0, buf.take(0).length);
        assertEquals(0, buf.array().length);
        assertEquals(0, buf.start());
        assertEquals(0, buf.end());
        buf.append(ByteBuffer.wrap(pattern(50, 1)), 0);
        buf.append(ByteBuffer.wrap(pattern(50, 2)), 0);
        buf.clear();
        assertEquals(0, buf.size());
        assertEquals(0, buf.snapshot().length);
        buf.append(ByteBuffer.wrap(pattern(3, 3)), 0);
        assertArrayEquals(pattern(3, 3), buf.take(3));
    }

    /** Random appends (sizes, hints), takes, skips and flattens against a plain byte model. */
    @Test
    void randomOperationsMatchAModel() {
        int[] hints = {0, 1, 100, ChunkBuffer.SMALL - 1, ChunkBuffer.SMALL, 8192, 65536};
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            ChunkBuffer buf = new ChunkBuffer();
            byte[] model = new byte[0];
            int fed = 0;
            for (int op = 0; op < 400; op++) {
                int kind = rnd.nextInt(10);
                if (kind < 4 || model.length == 0) {
                    int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(200_000) : 1 + rnd.nextInt(3000);
                    byte[] p = pattern(n, fed++);
                    buf.append(rnd.nextBoolean() ? direct(p) : ByteBuffer.wrap(p), hints[rnd.nextInt(hints.length)]);
                    byte[] m = Arrays.copyOf(model, model.length + n);
                    System.arraycopy(p, 0, m, model.length, n);
                    model = m;
                } else if (kind < 8) {
                    int k = rnd.nextInt(3) == 0 ? model.length : rnd.nextInt(model.length + 1);
                    byte[] got = buf.take(k);
                    assertArrayEquals(Arrays.copyOf(model, k), got, "seed " + seed + " op " + op);
                    Arrays.fill(got, (byte) 0x55); // the caller owns it: nothing buffered may change
                    model = Arrays.copyOfRange(model, k, model.length);
                } else if (kind == 8) {
                    int k = rnd.nextInt(model.length + 1);
                    buf.skip(k);
                    model = Arrays.copyOfRange(model, k, model.length);
                } else {
                    buf.flatten();
                    assertArrayEquals(model, Arrays.copyOfRange(buf.array(), buf.start(), buf.end()),
                            "seed " + seed + " op " + op);
                }
                assertEquals(model.length, buf.size());
            }
            assertArrayEquals(model, buf.snapshot(), "seed " + seed);
        }
    }
}
