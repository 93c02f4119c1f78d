package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * addReader/addWriter/removeReader/removeWriter on a {@link Pipe}: ports test_events.py
 * EventLoopTestsMixin.test_reader_callback, test_writer_callback, test_remove_fds_after_closing,
 * test_add_fds_after_closing.
 */
@ExtendWith(LoopExtension.class)
class IoCallbackTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);
    private Pipe pipe;

    @BeforeEach
    void openPipe() throws IOException {
        pipe = Pipe.open();
    }

    @AfterEach
    void closePipe() throws IOException {
        pipe.source().close();
        pipe.sink().close();
    }

    private static void write(Pipe.SinkChannel sink, String s) {
        try {
            ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                sink.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports test_events.py EventLoopTestsMixin.test_reader_callback. */
    @Test
    void readerCallback(EventLoop loop) {
        ByteArrayOutputStream bytesRead = new ByteArrayOutputStream();
        Future<Void> gotAbc = loop.createFuture();
        Future<Void> gotAll = loop.createFuture();
        Future<Void> closed = loop.createFuture();
        Pipe.SourceChannel r = pipe.source();
        loop.addReader(r, () -> {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            int n;
            try {
                n = r.read(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (n > 0) {
                bytesRead.write(buf.array(), 0, n);
                if (bytesRead.size() >= 3 && !gotAbc.done()) {
                    gotAbc.setResult(null);
                }
                if (bytesRead.size() >= 6 && !gotAll.done()) {
                    gotAll.setResult(null);
                }
            } else if (n < 0) {
                assertTrue(loop.removeReader(r));
                closed.setResult(null);
            }
        });
        assertFalse(r.isBlocking(), "addReader makes the channel non-blocking");
        loop.callSoon(() -> write(pipe.sink(), "abc"));
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(gotAbc));
        loop.callSoon(() -> write(pipe.sink(), "def"));
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(gotAll));
        loop.callSoon(() -> {
            try {
                pipe.sink().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(closed));
        assertEquals("abcdef", bytesRead.toString(StandardCharsets.US_ASCII));
        assertFalse(loop.removeReader(r));
    }

    /** Ports test_events.py EventLoopTestsMixin.test_writer_callback. */
    @Test
    void writerCallback(EventLoop loop) throws IOException {
        Pipe.SinkChannel w = pipe.sink();
        byte[] data = new byte[1024];
        java.util.Arrays.fill(data, (byte) 'x');
        int[] written = {0};
        loop.addWriter(w, () -> {
            try {
                written[0] += w.write(ByteBuffer.wrap(data));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loop.stop();
        });
        assertTimeoutPreemptively(SAFETY, loop::runForever);
        assertTrue(loop.removeWriter(w));
        assertFalse(loop.removeWriter(w));
        // Read exactly what was written: a channel still registered with a selector is only
        // really closed at the selector's next select, so EOF cannot be awaited here.
        ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        pipe.source().configureBlocking(true);
        int total = 0;
        while (total < written[0]) {
            total += pipe.source().read(in);
        }
        assertEquals(written[0], total);
        assertTrue(total >= 200);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_reader_callback: removeReader stops the calls. */
    @Test
    void removeReaderStopsCallbacks(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Pipe.SourceChannel r = pipe.source();
        loop.addReader(r, () -> log.add("readable"));
        assertTrue(loop.removeReader(r));
        assertFalse(loop.removeReader(r));
        write(pipe.sink(), "x");
        loop.callLater(1, loop::stop);
        loop.runForever();
        assertEquals(List.of(), log);
    }

    /** asyncio's add_reader replaces the previous reader of the same file descriptor. */
    @Test
    void addReaderReplacesThePreviousReader(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Pipe.SourceChannel r = pipe.source();
        loop.addReader(r, () -> log.add("first"));
        loop.addReader(r, () -> {
            log.add("second");
            loop.removeReader(r);
            loop.stop();
        });
        write(pipe.sink(), "x");
        assertTimeoutPreemptively(SAFETY, loop::runForever);
        assertEquals(List.of("second"), log);
    }

    /** A reader callback that throws goes to the exception handler; the reader stays registered. */
    @Test
    void failingReaderIsReported(EventLoop loop, LoopErrors errors) {
        Pipe.SourceChannel r = pipe.source();
        int[] calls = {0};
        loop.addReader(r, () -> {
            if (++calls[0] == 2) {
                loop.removeReader(r);
                loop.stop();
            }
            throw new IllegalStateException("reader failed");
        });
        write(pipe.sink(), "x");
        assertTimeoutPreemptively(SAFETY, loop::runForever);
        assertEquals(2, calls[0]);
        assertEquals(2, errors.take().size());
    }

    /** The reader runs in the context captured by addReader. */
    @Test
    void readerRunsInTheContextOfRegistration(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "none");
        List<String> seen = new ArrayList<>();
        Pipe.SourceChannel r = pipe.source();
        loop.runUntilComplete(() -> {
            cvar.set("registered");
            loop.addReader(r, () -> {
                seen.add(cvar.get());
                loop.removeReader(r);
                loop.stop();
            });
            return null;
        });
        write(pipe.sink(), "x");
        assertTimeoutPreemptively(SAFETY, loop::runForever);
        assertEquals(List.of("registered"), seen);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_remove_fds_after_closing. */
    @Test
    void removeAfterClosing(EventLoop loop) {
        loop.addReader(pipe.source(), () -> { });
        loop.addWriter(pipe.sink(), () -> { });
        loop.close();
        assertFalse(loop.removeReader(pipe.source()));
        assertFalse(loop.removeWriter(pipe.sink()));
    }

    /** Ports test_events.py EventLoopTestsMixin.test_add_fds_after_closing. */
    @Test
    void addAfterClosing(EventLoop loop) {
        loop.close();
        assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.source(), () -> { }));
        assertThrows(IllegalStateException.class, () -> loop.addWriter(pipe.sink(), () -> { }));
    }

    /** Bad input fails clearly: a null callback, a write-only channel as a reader, a closed channel. */
    @Test
    void badArgumentsFailClearly(EventLoop loop) throws IOException {
        assertEquals("callback", assertThrows(NullPointerException.class,
                () -> loop.addReader(pipe.source(), null)).getMessage());
        IllegalArgumentException notReadable = assertThrows(IllegalArgumentException.class,
                () -> loop.addReader(pipe.sink(), () -> { }));
        assertTrue(notReadable.getMessage().contains("cannot be read"), notReadable.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.addWriter(pipe.source(), () -> { }));
        pipe.source().close();
        IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
                () -> loop.addReader(pipe.source(), () -> { }));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }
}
