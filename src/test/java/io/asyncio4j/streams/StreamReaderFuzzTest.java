package io.asyncio4j.streams;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.asyncio4j.Asyncio;
import io.asyncio4j.testing.VirtualTimeLoop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fuzz tests (Jazzer) for StreamReader's readline / readuntil / readexactly / read / readInto: the same
 * input is fed in random chunks (by a producer task) while a consumer task runs a random
 * sequence of reads, and every outcome is checked against a model that sees the whole input at
 * once. So results cannot depend on how the input was split (except the length of
 * {@code read(n)}, which asyncio defines as "whatever is buffered, up to n"), limits must hold,
 * and after every read or error the reader's buffer must be exactly the fed bytes not yet
 * returned or discarded (nothing lost, nothing duplicated).
 *
 * <p>In a normal build each method runs its committed seed corpus
 * ({@code src/test/resources/io/asyncio4j/streams/StreamReaderFuzzTestInputs/<method>/}) as
 * regression tests; {@code JAZZER_FUZZ=1} fuzzes (see the README, "Reliability").
 */
class StreamReaderFuzzTest {
    private static final byte[][] SEPARATORS = {
            bytes("\n"), bytes("\r\n"), bytes("ab"), bytes("xyz"), bytes("a"),
    };

    /** Large limit: no overrun; compares random chunking and whole-input feeding with the model. */
    @FuzzTest(maxDuration = "2m")
    void chunkingDoesNotChangeResults(FuzzedDataProvider data) {
        Scenario s = Scenario.from(data, 1 << 20);
        List<String> chunked = s.run(false);
        List<String> whole = s.run(true);
        if (!s.hasPartialRead()) {
            assertEquals(whole, chunked, "results depend on the chunking of " + s);
        }
    }

    /** Small limits: overruns raise, keep (or, for readline, discard) the right bytes. */
    @FuzzTest(maxDuration = "2m")
    void limitsHoldAndErrorsKeepTheBufferConsistent(FuzzedDataProvider data) {
        Scenario s = Scenario.from(data, data.consumeInt(1, 24));
        s.run(false);
    }

    /** A generated scenario: limit, reads, input and the chunk sizes it is fed in. */
    private record Scenario(int limit, List<int[]> ops, byte[] input, int[] chunks) {
        static Scenario from(FuzzedDataProvider data, int limit) {
            int nOps = data.consumeInt(1, 12);
            List<int[]> ops = new ArrayList<>();
            for (int i = 0; i < nOps; i++) {
                // {kind, argument, second separator or -1}
                int kind = data.consumeInt(0, 3);
                int arg = switch (kind) {
                    case 1 -> data.consumeInt(0, SEPARATORS.length - 1);
                    case 2 -> data.consumeInt(0, 40);
                    case 3 -> data.consumeInt(-1, 40);
                    default -> 0;
                };
                // readuntil: a second separator or -1; read(n): 1 to read with readInto instead.
                int second = kind == 1 && data.consumeBoolean() ? data.consumeInt(0, SEPARATORS.length - 1)
                        : kind == 3 && data.consumeBoolean() ? 1 : -1;
                ops.add(new int[] {kind, arg, second});
            }
            byte[] input = data.consumeBytes(data.consumeInt(0, 300));
            int[] chunks = new int[Math.max(1, data.remainingBytes())];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = data.remainingBytes() > 0 ? data.consumeInt(1, 32) : 7;
            }
            return new Scenario(limit, ops, input, chunks);
        }

        boolean hasPartialRead() {
            return ops.stream().anyMatch(op -> op[0] == 3 && op[1] > 0);
        }

        /** Runs the reads against a reader fed by a producer task; checks each against the model. */
        List<String> run(boolean wholeAtOnce) {
            return VirtualTimeLoop.run(() -> {
                StreamReader reader = new StreamReader(limit);
                int[] fed = {0};
                Asyncio.createTask(() -> {
                    int at = 0;
                    for (int i = 0; at < input.length; i++) {
                        int n = wholeAtOnce ? input.length : Math.min(chunks[i % chunks.length], input.length - at);
                        reader.feedData(Arrays.copyOfRange(input, at, at + n));
                        at += n;
                        fed[0] = at;
                        Asyncio.sleep(0);
                    }
                    reader.feedEof();
                    return null;
                });
                List<String> results = new ArrayList<>();
                int pos = 0;
                for (int[] op : ops) {
                    String outcome;
                    int before = pos;
                    try {
                        byte[] got = apply(reader, op);
                        outcome = "ok:" + hex(got);
                        assertResult(op, got, pos);
                        pos += got.length;
                    } catch (IncompleteReadError e) {
                        outcome = "incomplete:" + hex(e.partial()) + "/" + e.expected();
                        assertIncomplete(op, e, pos);
                        pos += e.partial().length;
                    } catch (LimitOverrunError e) {
                        outcome = "overrun";
                        assertEquals(1, op[0], "only readuntil raises LimitOverrunError");
                        assertOverrun(op, pos);
                    } catch (IllegalArgumentException e) {
                        outcome = "readline-overrun";
                        assertEquals(0, op[0], "unexpected " + e);
                        // readline discards the long line through its \n, or all that is buffered.
                        int after = fed[0] - reader.buffered();
                        assertTrue(after > pos, "readline overrun discarded nothing");
                        assertTrue(indexOf(input, new byte[] {'\n'}, pos) > limit + pos - 1
                                || indexOf(input, new byte[] {'\n'}, pos) < 0, "the line was within the limit");
                        if (reader.buffered() > 0) {
                            assertEquals('\n', input[after - 1], "discarded past a partial line");
                            assertEquals(after - 1, indexOf(input, new byte[] {'\n'}, pos), "discarded past the first line");
                        }
                        pos = after;
                    }
                    // The buffer is exactly what was fed and not yet returned or discarded.
                    assertArrayEquals(Arrays.copyOfRange(input, pos, fed[0]), reader.bufferSnapshot(),
                            "buffer inconsistent after " + outcome + " (op " + Arrays.toString(op) + ", from " + before + ")");
                    results.add(outcome);
                }
                return results;
            });
        }

        private byte[] apply(StreamReader reader, int[] op) {
            return switch (op[0]) {
                case 0 -> reader.readline();
                case 1 -> op[2] < 0 ? reader.readuntil(SEPARATORS[op[1]])
                        : reader.readuntil(List.of(SEPARATORS[op[1]], SEPARATORS[op[2]]));
                case 2 -> reader.readexactly(op[1]);
                default -> op[1] < 0 ? reader.read() : op[2] == 1 ? readInto(reader, op[1]) : reader.read(op[1]);
            };
        }

        /** {@code read(n)} through {@link StreamReader#readInto}, into a buffer with one byte before the room. */
        private static byte[] readInto(StreamReader reader, int n) {
            ByteBuffer buf = ByteBuffer.allocate(n + 1).position(1);
            int k = reader.readInto(buf);
            assertEquals(1 + k, buf.position(), "readInto's count and position disagree");
            return Arrays.copyOfRange(buf.array(), 1, 1 + k);
        }

        /** The model's view of a successful read starting at {@code pos} of the whole input. */
        private void assertResult(int[] op, byte[] got, int pos) {
            int rest = input.length - pos;
            switch (op[0]) {
                case 0 -> {
                    int nl = indexOf(input, new byte[] {'\n'}, pos);
                    int end = nl < 0 ? input.length : nl + 1;
                    assertTrue(nl < 0 || nl - pos <= limit, "readline returned a line over the limit");
                    assertArrayEquals(Arrays.copyOfRange(input, pos, end), got, "readline");
                }
                case 1 -> {
                    int[] m = firstMatch(op, pos);
                    assertNotNull(m, "readuntil returned without a separator");
                    assertTrue(m[0] - pos <= limit, "readuntil returned data over the limit");
                    assertArrayEquals(Arrays.copyOfRange(input, pos, m[1]), got, "readuntil");
                }
                case 2 -> {
                    assertTrue(op[1] <= rest, "readexactly returned before enough data");
                    assertArrayEquals(Arrays.copyOfRange(input, pos, pos + op[1]), got, "readexactly");
                }
                default -> {
                    if (op[1] < 0) {
                        assertArrayEquals(Arrays.copyOfRange(input, pos, input.length), got, "read()");
                    } else {
                        assertTrue(got.length <= op[1], "read(n) returned more than n");
                        assertTrue(got.length > 0 || op[1] == 0 || rest == 0, "read(n) returned nothing before EOF");
                        assertArrayEquals(Arrays.copyOfRange(input, pos, pos + got.length), got, "read(n)");
                    }
                }
            }
        }

        private void assertIncomplete(int[] op, IncompleteReadError e, int pos) {
            assertArrayEquals(Arrays.copyOfRange(input, pos, input.length), e.partial(), "partial bytes");
            if (op[0] == 2) {
                assertEquals(op[1], e.expected());
                assertTrue(input.length - pos < op[1], "readexactly failed with enough data");
            } else {
                assertEquals(1, op[0], "unexpected " + e);
                assertNull(firstMatch(op, pos), "readuntil missed a separator");
                assertFalse(input.length - pos + 1 - maxLen(op) > limit, "readuntil should have overrun");
            }
        }

        private void assertOverrun(int[] op, int pos) {
            int[] m = firstMatch(op, pos);
            if (m != null) {
                assertTrue(m[0] - pos > limit, "readuntil overran with a separator within the limit");
            } else {
                assertTrue(input.length - pos + 1 - maxLen(op) > limit, "readuntil overran within the limit");
            }
        }

        /** {start, end} of the shortest prefix from pos ending with one of op's separators. */
        private int[] firstMatch(int[] op, int pos) {
            int[] best = null;
            for (int k : op[2] < 0 ? new int[] {op[1]} : new int[] {op[1], op[2]}) {
                int i = indexOf(input, SEPARATORS[k], pos);
                if (i >= 0 && (best == null || i + SEPARATORS[k].length < best[1])) {
                    best = new int[] {i, i + SEPARATORS[k].length};
                }
            }
            return best;
        }

        private int maxLen(int[] op) {
            int n = SEPARATORS[op[1]].length;
            return op[2] < 0 ? n : Math.max(n, SEPARATORS[op[2]].length);
        }

        @Override
        public String toString() {
            List<String> o = new ArrayList<>();
            for (int[] op : ops) {
                o.add(Arrays.toString(op));
            }
            return "limit=" + limit + " ops=" + o + " input=" + hex(input) + " chunks=" + Arrays.toString(chunks);
        }
    }

    private static int indexOf(byte[] a, byte[] sep, int from) {
        outer:
        for (int i = from; i <= a.length - sep.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (a[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace("\n", "\\n").replace("\r", "\\r");
    }
}
