package io.asyncio4j.streams;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ports the feed_data-driven cases of CPython's test_streams.py StreamTests. */
@Timeout(30)
class StreamReaderTest {
    private static final byte[] DATA = b("line1\nline2\nline3\n");

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static void run(ThrowingBody body) {
        VirtualTimeLoop.run(() -> {
            body.run(getRunningLoop());
            return null;
        });
    }

    @FunctionalInterface
    interface ThrowingBody {
        void run(EventLoop loop) throws Exception;
    }

    /** test_feed_empty_data / test_feed_nonempty_data. */
    @Test
    void feedData() {
        StreamReader r = new StreamReader();
        r.feedData(new byte[0]);
        assertEquals("", s(r.bufferSnapshot()));
        r.feedData(DATA);
        assertEquals(s(DATA), s(r.bufferSnapshot()));
    }

    /** test_read_zero. */
    @Test
    void readZero() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(DATA);
            assertEquals(0, r.read(0).length);
            assertEquals(s(DATA), s(r.bufferSnapshot()));
        });
    }

    /** test_read. */
    @Test
    void readWaitsForData() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(() -> r.read(30));
            loop.callSoon(() -> r.feedData(DATA));
            assertEquals(s(DATA), s(t.await()));
            assertEquals(0, r.buffered());
        });
    }

    /** test_read_line_breaks. */
    @Test
    void readLineBreaks() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line1"));
            r.feedData(b("line2"));
            assertEquals("line1", s(r.read(5)));
            assertEquals("line2", s(r.bufferSnapshot()));
        });
    }

    /** test_read_eof. */
    @Test
    void readEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(() -> r.read(1024));
            loop.callSoon(r::feedEof);
            assertEquals(0, t.await().length);
        });
    }

    /** test_read_until_eof. */
    @Test
    void readUntilEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(() -> r.read(-1));
            loop.callSoon(() -> {
                r.feedData(b("chunk1\n"));
                r.feedData(b("chunk2"));
                r.feedEof();
            });
            assertEquals("chunk1\nchunk2", s(t.await()));
            assertEquals(0, r.buffered());
        });
    }

    /** test_read_exception. */
    @Test
    void readException() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line\n"));
            assertEquals("li", s(r.read(2)));
            r.setException(new ArithmeticException("boom"));
            assertThrows(ArithmeticException.class, () -> r.read(2));
        });
    }

    /** test_invalid_limit. */
    @Test
    void invalidLimit() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StreamReader(0)).getMessage().contains("imit"));
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
    }

    /** test_read_limit. */
    @Test
    void readLimit() {
        run(loop -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("chunk"));
            assertEquals("chunk", s(r.read(5)));
            assertEquals(0, r.buffered());
        });
    }

    /** test_readline. */
    @Test
    void readline() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("chunk1 "));
            Task<byte[]> t = createTask(r::readline);
            loop.callSoon(() -> {
                r.feedData(b("chunk2 "));
                r.feedData(b("chunk3 "));
                r.feedData(b("\n chunk4"));
            });
            assertEquals("chunk1 chunk2 chunk3 \n", s(t.await()));
            assertEquals(" chunk4", s(r.bufferSnapshot()));
        });
    }

    /** test_readline_limit_with_existing_data. */
    @Test
    void readlineLimitWithExistingData() {
        run(loop -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("li"));
            r.feedData(b("ne1\nline2\n"));
            assertThrows(IllegalArgumentException.class, r::readline);
            assertEquals("line2\n", s(r.bufferSnapshot()));

            StreamReader r2 = new StreamReader(3);
            r2.feedData(b("li"));
            r2.feedData(b("ne1"));
            r2.feedData(b("li"));
            assertThrows(IllegalArgumentException.class, r2::readline);
            assertEquals(0, r2.buffered());
        });
    }

    /** test_at_eof. */
    @Test
    void atEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            assertFalse(r.atEof());
            r.feedData(b("some data\n"));
            assertFalse(r.atEof());
            r.readline();
            assertFalse(r.atEof());
            r.feedData(b("some data\n"));
            r.feedEof();
            r.readline();
            assertTrue(r.atEof());
        });
    }

    /** test_readline_limit. */
    @Test
    void readlineLimit() {
        run(loop -> {
            StreamReader r = new StreamReader(7);
            loop.callSoon(() -> {
                r.feedData(b("chunk1"));
                r.feedData(b("chunk2"));
                r.feedData(b("chunk3\n"));
                r.feedEof();
            });
            assertThrows(IllegalArgumentException.class, r::readline);
            assertEquals(0, r.buffered());

            StreamReader r2 = new StreamReader(7);
            loop.callSoon(() -> {
                r2.feedData(b("chunk1"));
                r2.feedData(b("chunk2\n"));
                r2.feedData(b("chunk3\n"));
                r2.feedEof();
            });
            assertThrows(IllegalArgumentException.class, r2::readline);
            assertEquals("chunk3\n", s(r2.bufferSnapshot()));

            StreamReader r3 = new StreamReader(7);
            r3.feedData(b("1234567\n"));
            assertEquals("1234567\n", s(r3.readline()));
            assertEquals(0, r3.buffered());
            r3.feedData(b("12345678\n"));
            assertThrows(IllegalArgumentException.class, r3::readline);
            assertEquals(0, r3.buffered());
            r3.feedData(b("12345678"));
            assertThrows(IllegalArgumentException.class, r3::readline);
            assertEquals(0, r3.buffered());
        });
    }

    /** test_readline_nolimit_nowait. */
    @Test
    void readlineNoWait() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(java.util.Arrays.copyOfRange(DATA, 0, 6));
            r.feedData(java.util.Arrays.copyOfRange(DATA, 6, DATA.length));
            assertEquals("line1\n", s(r.readline()));
            assertEquals("line2\nline3\n", s(r.bufferSnapshot()));
        });
    }

    /** test_readline_eof and test_readline_empty_eof. */
    @Test
    void readlineEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("some data"));
            r.feedEof();
            assertEquals("some data", s(r.readline()));
            StreamReader r2 = new StreamReader();
            r2.feedEof();
            assertEquals(0, r2.readline().length);
        });
    }

    /** test_readline_read_byte_count. */
    @Test
    void readlineReadByteCount() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(DATA);
            r.readline();
            assertEquals("line2\nl", s(r.read(7)));
            assertEquals("ine3\n", s(r.bufferSnapshot()));
        });
    }

    /** test_readline_exception. */
    @Test
    void readlineException() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line\n"));
            assertEquals("line\n", s(r.readline()));
            r.setException(new ArithmeticException());
            assertThrows(ArithmeticException.class, r::readline);
            assertEquals(0, r.buffered());
        });
    }

    /** test_readuntil_separator. */
    @Test
    void readuntilSeparatorValidation() {
        StreamReader r = new StreamReader();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.readuntil(new byte[0]))
                .getMessage().startsWith("Separator should be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.readuntil(List.of(new byte[0])))
                .getMessage().startsWith("Separator should be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.readuntil(List.of()))
                .getMessage().startsWith("Separator should contain"));
    }

    /** test_readuntil_multi_chunks. */
    @Test
    void readuntilMultiChunks() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("lineAAA"));
            assertEquals("lineAAA", s(r.readuntil(b("AAA"))));
            assertEquals(0, r.buffered());
            r.feedData(b("lineAAAxxx"));
            assertEquals("lineAAA", s(r.readuntil(b("AAA"))));
            assertEquals("xxx", s(r.bufferSnapshot()));
        });
    }

    /** test_readuntil_multi_chunks_1. */
    @Test
    void readuntilMultiChunks1() {
        run(loop -> {
            StreamReader r = new StreamReader();
            String[][] cases = {
                    {"QWEaa", "XYaa", "a", "QWEaaXYaaa"},
                    {"QWEaa", "XYa", "aa", "QWEaaXYaaa"},
                    {"aaa", "aaa"},
                    {"Xaaa", "Xaaa"},
                    {"XXX", "a", "a", "a", "XXXaaa"},
            };
            for (String[] c : cases) {
                for (int i = 0; i < c.length - 1; i++) {
                    r.feedData(b(c[i]));
                }
                assertEquals(c[c.length - 1], s(r.readuntil(b("aaa"))));
                assertEquals(0, r.buffered());
            }
        });
    }

    /** test_readuntil_multi_chunks_1, with the chunks arriving while the reader waits. */
    @Test
    void readuntilSeparatorStraddlesChunks() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(() -> r.readuntil(b("aaa")));
            for (String c : new String[]{"QWEaa", "XYa", "a", "a"}) {
                loop.callSoon(() -> r.feedData(b(c)));
                sleep(0);
            }
            assertEquals("QWEaaXYaaa", s(t.await()));
            assertEquals(0, r.buffered());
        });
    }

    /** test_readuntil_eof. */
    @Test
    void readuntilEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("some dataAA"));
            r.feedEof();
            IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readuntil(b("AAA")));
            assertTrue(e.getMessage().contains("undefined expected bytes"), e.getMessage());
            assertEquals("some dataAA", s(e.partial()));
            assertNull(e.expected());
            assertEquals(0, r.buffered());
        });
    }

    /** test_readuntil_limit_found_sep: the buffer is kept intact on LimitOverrunError. */
    @Test
    void readuntilLimitFoundSep() {
        run(loop -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("some dataAA"));
            LimitOverrunError e = assertThrows(LimitOverrunError.class, () -> r.readuntil(b("AAA")));
            assertTrue(e.getMessage().contains("not found"));
            assertEquals(9, e.consumed());
            assertEquals("some dataAA", s(r.bufferSnapshot()));
            r.feedData(b("A"));
            e = assertThrows(LimitOverrunError.class, () -> r.readuntil(b("AAA")));
            assertTrue(e.getMessage().contains("is found"));
            assertEquals(9, e.consumed());
            assertEquals("some dataAAA", s(r.bufferSnapshot()));
        });
    }

    /** test_readuntil_multi_separator. */
    @Test
    void readuntilMultiSeparator() {
        run(loop -> {
            StreamReader r = new StreamReader();
            List<byte[]> crlf = List.of(b("\r"), b("\n"));
            r.feedData(b("line 1\nline 2\r"));
            assertEquals("line 1\n", s(r.readuntil(crlf)));
            assertEquals("line 2\r", s(r.readuntil(crlf)));
            assertEquals(0, r.buffered());
            r.feedData(b("ABCDEFG"));
            assertEquals("ABCDE", s(r.readuntil(List.of(b("DEF"), b("BCDE")))));
            assertEquals("FG", s(r.bufferSnapshot()));
        });
    }

    /** test_readuntil_multi_separator_limit. */
    @Test
    void readuntilMultiSeparatorLimit() {
        run(loop -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("some dataA"));
            LimitOverrunError e = assertThrows(LimitOverrunError.class,
                    () -> r.readuntil(List.of(b("A"), b("ome dataA"))));
            assertTrue(e.getMessage().contains("is found"));
            assertEquals("some dataA", s(r.bufferSnapshot()));
        });
    }

    /** test_readuntil_multi_separator_negative_offset. */
    @Test
    void readuntilMultiSeparatorNegativeOffset() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("data"));
            Task<byte[]> t = createTask(() -> r.readuntil(List.of(b("A"), b("long sep"))));
            loop.callSoon(() -> r.feedData(b("Z")));
            loop.callSoon(() -> r.feedData(b("Aaaa")));
            assertEquals("dataZA", s(t.await()));
            assertEquals("aaa", s(r.bufferSnapshot()));
        });
    }

    /** test_readexactly_zero_or_less. */
    @Test
    void readexactlyZeroOrLess() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(DATA);
            assertEquals(0, r.readexactly(0).length);
            assertEquals(s(DATA), s(r.bufferSnapshot()));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> r.readexactly(-1))
                    .getMessage().contains("less than zero"));
            assertEquals(s(DATA), s(r.bufferSnapshot()));
        });
    }

    /** test_readexactly. */
    @Test
    void readexactly() {
        run(loop -> {
            StreamReader r = new StreamReader();
            int n = 2 * DATA.length;
            Task<byte[]> t = createTask(() -> r.readexactly(n));
            loop.callSoon(() -> {
                r.feedData(DATA);
                r.feedData(DATA);
                r.feedData(DATA);
            });
            assertEquals(s(DATA) + s(DATA), s(t.await()));
            assertEquals(s(DATA), s(r.bufferSnapshot()));
        });
    }

    /** test_readexactly_limit. */
    @Test
    void readexactlyLimit() {
        run(loop -> {
            StreamReader r = new StreamReader(3);
            r.feedData(b("chunk"));
            assertEquals("chunk", s(r.readexactly(5)));
            assertEquals(0, r.buffered());
        });
    }

    /** test_readexactly_eof: IncompleteReadError carries the partial bytes. */
    @Test
    void readexactlyEof() {
        run(loop -> {
            StreamReader r = new StreamReader();
            int n = 2 * DATA.length;
            Task<byte[]> t = createTask(() -> r.readexactly(n));
            loop.callSoon(() -> {
                r.feedData(DATA);
                r.feedEof();
            });
            IncompleteReadError e = assertThrows(IncompleteReadError.class, t::await);
            assertEquals(s(DATA), s(e.partial()));
            assertEquals(n, e.expected());
            assertEquals("18 bytes read on a total of 36 expected bytes", e.getMessage());
            assertEquals(0, r.buffered());
        });
    }

    /** test_readexactly_exception. */
    @Test
    void readexactlyException() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData(b("line\n"));
            assertEquals("li", s(r.readexactly(2)));
            r.setException(new ArithmeticException());
            assertThrows(ArithmeticException.class, () -> r.readexactly(2));
        });
    }

    /** test_exception. */
    @Test
    void exceptionAccessor() {
        StreamReader r = new StreamReader();
        assertNull(r.exception());
        RuntimeException exc = new RuntimeException();
        r.setException(exc);
        assertSame(exc, r.exception());
    }

    /** test_exception_waiter: setException wakes the waiting reader with the error. */
    @Test
    void exceptionWaiter() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t1 = createTask(r::readline);
            Task<Void> t2 = createTask(() -> {
                r.setException(new ArithmeticException("x"));
                return null;
            });
            gatherSettled(t1, t2).await();
            assertThrows(ArithmeticException.class, t1::result);
        });
    }

    /** test_exception_cancel: setException after the waiting task was cancelled. */
    @Test
    void exceptionCancel() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = createTask(r::readline);
            sleep(0);
            t.cancel();
            sleep(0);
            r.setException(new RuntimeException("message"));
            sleep(0);
            assertThrows(CancelledError.class, t::result);
            assertTrue(r.toString().contains("exception"), r.toString());
            assertFalse(r.toString().contains("waiter"), r.toString());
        });
    }

    /** A second concurrent reader is refused, as asyncio's _wait_for_data does. */
    @Test
    void secondWaiterRefused() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t1 = createTask(r::readline);
            sleep(0);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.read(1));
            assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
            r.feedData(b("x\n"));
            assertEquals("x\n", s(t1.await()));
        });
    }

    /** async for line in reader (StreamReader.__anext__): lines() iterates until EOF. */
    @Test
    void linesIteration() {
        run(loop -> {
            StreamReader r = new StreamReader();
            loop.callSoon(() -> r.feedData(b("a\nbb\n")));
            loop.callLater(1, () -> {
                r.feedData(b("ccc"));
                r.feedEof();
            });
            List<String> got = new ArrayList<>();
            for (byte[] line : r.lines()) {
                got.add(s(line));
            }
            assertEquals(List.of("a\n", "bb\n", "ccc"), got);
            assertEquals(1.0, loop.time(), 1e-9);
        });
    }

    /** textLines strips the terminator and decodes. */
    @Test
    void textLines() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData("h\u00e9\r\nx\n\nlast".getBytes(StandardCharsets.UTF_8));
            r.feedEof();
            List<String> got = new ArrayList<>();
            r.textLines(StandardCharsets.UTF_8).forEach(got::add);
            assertEquals(List.of("h\u00e9", "x", "", "last"), got);
        });
    }

    /** feedData after feedEof is a clear error (asyncio asserts). */
    @Test
    void feedAfterEof() {
        StreamReader r = new StreamReader();
        r.feedEof();
        assertThrows(IllegalStateException.class, () -> r.feedData(b("x")));
    }

    /** Reading pauses the transport above 2 x limit and resumes at or below limit. */
    @Test
    void pausesAboveTwiceLimitResumesAtLimit() {
        run(loop -> {
            StreamReader r = new StreamReader(10);
            FakeTransport t = new FakeTransport(null);
            r.setTransport(t);
            r.feedData(new byte[20]);
            assertTrue(t.isReading());
            r.feedData(new byte[1]);
            assertFalse(t.isReading());
            assertTrue(r.isTransportPaused());
            r.read(10);
            assertFalse(t.isReading(), "11 bytes left > limit");
            r.read(1);
            assertTrue(t.isReading(), "10 bytes left <= limit");
            assertEquals(List.of("pause", "resume"), t.events);
        });
    }

    /** A reader waiting for a long line resumes a paused transport (asyncio's _wait_for_data). */
    @Test
    void waitingResumesPausedTransport() {
        run(loop -> {
            StreamReader r = new StreamReader(4);
            FakeTransport t = new FakeTransport(null);
            r.setTransport(t);
            r.feedData(b("abcdefghi"));
            assertFalse(t.isReading());
            // A 6-byte separator could still start within the limit, so the reader must wait.
            Task<byte[]> line = createTask(() -> r.readuntil(b("ZZZZZZ")));
            sleep(0);
            assertTrue(t.isReading());
            r.feedData(b("ZZZZZZ"));
            assertThrows(LimitOverrunError.class, line::await);
        });
    }

    /** A transport that cannot pause is left alone (asyncio: NotImplementedError). */
    @Test
    void transportThatCannotPause() {
        StreamReader r = new StreamReader(1);
        FakeTransport t = new FakeTransport(null);
        t.canPause = false;
        r.setTransport(t);
        r.feedData(new byte[5]);
        r.feedData(new byte[5]);
        assertTrue(t.isReading());
        assertFalse(r.isTransportPaused());
    }

    /**
     * Large reads over chunks cut to the read size: read(n) returns min(n, buffered) bytes in
     * order whatever the cut, and arrays handed out are the caller's (changing them changes
     * nothing still buffered). No CPython counterpart: asyncio keeps one bytearray.
     */
    @Test
    void largeReadsHandOutOwnedArraysInOrder() {
        run(loop -> {
            byte[] data = new byte[300 * 1024];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7 + i / 251);
            }
            StreamReader r = new StreamReader(1 << 20);
            Task<List<byte[]>> reads = createTask(() -> {
                List<byte[]> got = new ArrayList<>();
                while (true) {
                    byte[] chunk = r.read(65536);
                    if (chunk.length == 0) {
                        return got;
                    }
                    assertTrue(chunk.length <= 65536);
                    got.add(chunk.clone());
                    java.util.Arrays.fill(chunk, (byte) 0);
                }
            });
            sleep(0); // the reader waits: its read(65536) sets how later feeds are cut
            int[] feeds = {100 * 1024, 1, 4095, 70_000, 65536, 3, 65_000};
            int at = 0;
            for (int i = 0; at < data.length; i++) {
                int n = Math.min(feeds[i % feeds.length], data.length - at);
                r.feedData(java.nio.ByteBuffer.wrap(data, at, n));
                at += n;
                if (i % 2 == 0) {
                    sleep(0);
                }
            }
            r.feedEof();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (byte[] c : reads.await()) {
                all.writeBytes(c);
            }
            assertArrayEquals(data, all.toByteArray());
        });
    }

    /** readexactly and readline after large read(n) cuts see exactly the bytes that are left. */
    @Test
    void otherReadsAfterLargeReadCuts() {
        run(loop -> {
            StreamReader r = new StreamReader();
            byte[] big = new byte[70_000];
            java.util.Arrays.fill(big, (byte) 'x');
            big[69_990] = '\n';
            r.feedData(b("head"));
            assertEquals("head", s(r.read(8192)));
            r.feedData(big); // cut at 8192-byte boundaries
            assertEquals(8192, r.read(8192).length);
            assertEquals(10_000, r.readexactly(10_000).length);
            byte[] line = r.readuntil(b("\n"));
            assertEquals(69_991 - 18_192, line.length);
            assertEquals('\n', line[line.length - 1]);
            assertEquals("xxxxxxxxx", s(r.bufferSnapshot()));
            r.feedEof();
            IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> r.readexactly(10));
            assertEquals("xxxxxxxxx", s(e.partial()));
            assertTrue(r.atEof());
        });
    }

    /** Flow control counts every buffered byte across chunks: pause above 2 x limit, resume at limit. */
    @Test
    void flowControlAcrossLargeChunks() {
        run(loop -> {
            StreamReader r = new StreamReader(10_000);
            FakeTransport t = new FakeTransport(null);
            r.setTransport(t);
            assertEquals(0, r.read(0).length);
            r.feedData(new byte[15_000]);
            r.read(5000); // later feeds are cut into 5000-byte chunks
            r.feedData(new byte[10_001]);
            assertFalse(t.isReading(), "20001 bytes > 2 x limit");
            r.read(5000);
            r.read(5000);
            assertFalse(t.isReading(), "10001 bytes left > limit");
            r.read(1);
            assertTrue(t.isReading(), "10000 bytes left <= limit");
            assertEquals(List.of("pause", "resume"), t.events);
        });
    }

    /** test___repr__* cases, in Java's toString. */
    @Test
    void toStringShowsState() {
        StreamReader r = new StreamReader(123);
        assertEquals("StreamReader limit=123", r.toString());
        r.feedData(b("data"));
        r.feedEof();
        assertEquals("StreamReader 4 bytes eof limit=123", r.toString());
        r.setTransport(new FakeTransport(null));
        assertThrows(IllegalStateException.class, () -> r.setTransport(new FakeTransport(null)));
    }

    /** unread (no asyncio counterpart): bytes put back are read first, before what was buffered. */
    @Test
    void unreadPutsBytesBackInFrontOfTheBuffer() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData("abcdef".getBytes(StandardCharsets.US_ASCII));
            byte[] head = r.read(3);
            r.unread(head);
            assertEquals(6, r.buffered());
            assertEquals("abcdef", new String(r.read(6), StandardCharsets.US_ASCII));
        });
    }

    /** unread after EOF: the stream is no longer at its end until the bytes are read again. */
    @Test
    void unreadAfterEofMakesTheBytesReadableAgain() {
        run(loop -> {
            StreamReader r = new StreamReader();
            r.feedData("tail\n".getBytes(StandardCharsets.US_ASCII));
            r.feedEof();
            byte[] line = r.readline();
            assertTrue(r.atEof());
            r.unread(line);
            assertFalse(r.atEof());
            assertEquals("tail\n", new String(r.readline(), StandardCharsets.US_ASCII));
            assertTrue(r.atEof());
        });
    }

    /** unread wakes a reader waiting for data. */
    @Test
    void unreadWakesAWaitingReader() {
        run(loop -> {
            StreamReader r = new StreamReader();
            Task<byte[]> reader = createTask(() -> r.read(10));
            sleep(0);
            assertFalse(reader.done());
            r.unread(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, reader.await());
        });
    }
}
