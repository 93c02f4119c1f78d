package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * loop.connectReadPipe / connectWritePipe (asyncio's connect_read_pipe / connect_write_pipe) on
 * real NIO pipes and real FIFOs. Ports the pipe cases of test_events.py and the behavioural cases
 * of test_unix_events.py's UnixReadPipeTransportTests / UnixWritePipeTransportTests (the rest of
 * those mock os.read/os.write and the selector).
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class PipeTransportTest {

    /** test_events.py's MyReadPipeProto: checks the state machine and signals progress. */
    static final class ReadProto implements ReadPipeProtocol {
        final List<String> states = new ArrayList<>();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final Future<Throwable> done = Asyncio.getRunningLoop().createFuture();
        ReadTransport transport;
        Future<Void> enough;
        int wanted;

        @Override
        public void connectionMade(ReadTransport t) {
            assertEquals(List.of(), states);
            states.add("CONNECTED");
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            assertEquals("CONNECTED", states.get(states.size() - 1));
            byte[] a = new byte[b.remaining()];
            b.get(a);
            data.writeBytes(a);
            if (enough != null && data.size() >= wanted && !enough.done()) {
                enough.setResult(null);
            }
        }

        @Override
        public boolean eofReceived() {
            assertEquals(List.of("CONNECTED"), states);
            states.add("EOF");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            states.add("CLOSED");
            done.setResult(exc);
        }

        /** Suspends until {@code n} bytes in all have arrived. */
        void awaitBytes(int n) {
            if (data.size() >= n) {
                return;
            }
            wanted = n;
            enough = Asyncio.getRunningLoop().createFuture();
            enough.await();
        }

        String text() {
            return data.toString(StandardCharsets.UTF_8);
        }
    }

    /** test_events.py's MyWritePipeProto, with the flow-control calls recorded. */
    static final class WriteProto implements BaseProtocol<WriteTransport> {
        final List<String> events = new ArrayList<>();
        final Future<Throwable> done = Asyncio.getRunningLoop().createFuture();
        Future<Void> resumed;
        WriteTransport transport;

        @Override
        public void connectionMade(WriteTransport t) {
            events.add("CONNECTED");
            transport = t;
        }

        @Override
        public void pauseWriting() {
            events.add("PAUSE");
            resumed = Asyncio.getRunningLoop().createFuture();
        }

        @Override
        public void resumeWriting() {
            events.add("RESUME");
            resumed.setResult(null);
        }

        @Override
        public void connectionLost(Throwable exc) {
            events.add("CLOSED");
            done.setResult(exc);
        }
    }

    private static void writeAll(Pipe.SinkChannel sink, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            sink.write(b);
        }
    }

    /** Reads {@code source} to end of file on a worker thread. */
    private static byte[] readToEof(java.nio.channels.ReadableByteChannel source) {
        return Asyncio.toThread(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(8192);
            while (source.read(b) >= 0) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            return out.toByteArray();
        });
    }

    private static byte[] readExactly(java.nio.channels.ReadableByteChannel source, int n) {
        return Asyncio.toThread(() -> {
            ByteBuffer b = ByteBuffer.allocate(n);
            while (b.hasRemaining()) {
                if (source.read(b) < 0) {
                    throw new IOException("EOF after " + b.position() + " bytes");
                }
            }
            return b.array();
        });
    }

    private static Path mkfifo(Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return fifo;
    }

    // test_events.py: EventLoopTestsMixin.test_read_pipe
    @Test
    void readPipe() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<ReadTransport, ReadProto> c = loop.connectReadPipe(ReadProto::new, pipe.source());
            ReadProto proto = c.protocol();
            assertSame(c.transport(), proto.transport);
            assertEquals(List.of("CONNECTED"), proto.states);
            assertSame(pipe.source(), c.transport().getExtraInfo("pipe"));

            writeAll(pipe.sink(), "1");
            proto.awaitBytes(1);
            assertEquals("1", proto.text());
            writeAll(pipe.sink(), "2345");
            proto.awaitBytes(5);
            assertEquals("12345", proto.text());
            assertEquals(List.of("CONNECTED"), proto.states);

            pipe.sink().close();
            assertNull(proto.done.await());
            assertEquals(List.of("CONNECTED", "EOF", "CLOSED"), proto.states);
            assertTrue(c.transport().isClosing());
            assertFalse(pipe.source().isOpen(), "the transport closes the pipe it owns");
            return null;
        });
    }

    // test_events.py: test_read_pipe, on a real FIFO opened as a FileChannel (not selectable)
    @Test
    void readFifo(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir);
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            // Opening either end of a FIFO blocks until the other end opens.
            Task<FileChannel> reading = Asyncio.createTask(() -> Asyncio.toThread(() -> FileChannel.open(fifo, StandardOpenOption.READ)));
            FileChannel writer = Asyncio.toThread(() -> FileChannel.open(fifo, StandardOpenOption.WRITE));
            FileChannel reader = reading.await();
            Connection<ReadTransport, ReadProto> c = loop.connectReadPipe(ReadProto::new, reader);
            ReadProto proto = c.protocol();
            writer.write(ByteBuffer.wrap("hello fifo".getBytes(StandardCharsets.UTF_8)));
            proto.awaitBytes(10);
            assertEquals("hello fifo", proto.text());
            writer.close();
            assertNull(proto.done.await());
            assertEquals(List.of("CONNECTED", "EOF", "CLOSED"), proto.states);
            assertFalse(reader.isOpen());
            return null;
        });
    }

    // test_unix_events.py: UnixReadPipeTransportTests.test_close / test_close_already_closing
    @Test
    void closeReadPipeWhileTheReaderWaits() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<ReadTransport, ReadProto> c = loop.connectReadPipe(ReadProto::new, pipe.source());
            c.transport().close();
            c.transport().close();
            assertTrue(c.transport().isClosing());
            assertFalse(c.transport().isReading());
            assertNull(c.protocol().done.await());
            assertEquals(List.of("CONNECTED", "CLOSED"), c.protocol().states, "closing is not end of file");
            assertFalse(pipe.source().isOpen());
            pipe.sink().close();
            return null;
        });
    }

    // test_unix_events.py: UnixReadPipeTransportTests.test_pause_reading / test_resume_reading
    @Test
    void pauseAndResumeReading() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<ReadTransport, ReadProto> c = loop.connectReadPipe(ReadProto::new, pipe.source());
            ReadTransport t = c.transport();
            assertTrue(t.isReading());
            t.pauseReading();
            t.pauseReading();
            assertFalse(t.isReading());
            writeAll(pipe.sink(), "abc");
            t.resumeReading();
            t.resumeReading();
            assertTrue(t.isReading());
            c.protocol().awaitBytes(3);
            assertEquals("abc", c.protocol().text());
            pipe.sink().close();
            assertNull(c.protocol().done.await());
            return null;
        });
    }

    // test_unix_events.py: UnixReadPipeTransportTests.test_ctor (bad input fails and loses nothing)
    @Test
    void rejectsUnusableChannels() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe closed = Pipe.open();
            closed.source().close();
            closed.sink().close();
            assertThrows(IllegalArgumentException.class, () -> loop.connectReadPipe(ReadProto::new, closed.source()));
            assertThrows(IllegalArgumentException.class, () -> loop.connectWritePipe(WriteProto::new, closed.sink()));

            Pipe registered = Pipe.open();
            try (Selector selector = Selector.open()) {
                registered.source().configureBlocking(false);
                registered.source().register(selector, SelectionKey.OP_READ);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> loop.connectReadPipe(ReadProto::new, registered.source()));
                assertTrue(e.getMessage().contains("selector"), e.getMessage());
                assertTrue(registered.source().isOpen(), "a refused channel stays the caller's");
            }
            registered.source().close();
            registered.sink().close();
            return null;
        });
    }

    // test_events.py: EventLoopTestsMixin.test_write_pipe
    @Test
    void writePipe() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, pipe.sink());
            WriteTransport t = c.transport();
            assertSame(t, c.protocol().transport);
            assertEquals(List.of("CONNECTED"), c.protocol().events);
            assertSame(pipe.sink(), t.getExtraInfo("pipe"));

            t.write("1".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("1".getBytes(StandardCharsets.UTF_8), readExactly(pipe.source(), 1));
            t.write("2345".getBytes(StandardCharsets.UTF_8));
            assertArrayEquals("2345".getBytes(StandardCharsets.UTF_8), readExactly(pipe.source(), 4));
            assertEquals(0, t.getWriteBufferSize());

            t.close();
            assertTrue(t.isClosing());
            assertNull(c.protocol().done.await());
            assertEquals(List.of("CONNECTED", "CLOSED"), c.protocol().events);
            assertArrayEquals(new byte[0], readToEof(pipe.source()), "the reader sees end of file");
            assertFalse(pipe.sink().isOpen());
            pipe.source().close();
            return null;
        });
    }

    // test_events.py: test_write_pipe, on a real FIFO opened as a FileChannel
    @Test
    void writeFifo(@TempDir Path dir) throws Exception {
        Path fifo = mkfifo(dir);
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<FileChannel> reading = Asyncio.createTask(() -> Asyncio.toThread(() -> FileChannel.open(fifo, StandardOpenOption.READ)));
            FileChannel writer = Asyncio.toThread(() -> FileChannel.open(fifo, StandardOpenOption.WRITE));
            FileChannel reader = reading.await();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, writer);
            c.transport().write("to the fifo");
            c.transport().writeEof();
            assertEquals("to the fifo", new String(readToEof(reader), StandardCharsets.UTF_8));
            assertNull(c.protocol().done.await());
            assertFalse(writer.isOpen());
            reader.close();
            return null;
        });
    }

    // test_unix_events.py: UnixWritePipeTransportTests.test_write_eof / test_can_write_eof
    @Test
    void writeEofFlushesThenCloses() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, pipe.sink());
            WriteTransport t = c.transport();
            assertTrue(t.canWriteEof());
            t.write("data");
            t.writeEof();
            assertTrue(t.isClosing());
            t.write("dropped");
            assertEquals("data", new String(readToEof(pipe.source()), StandardCharsets.UTF_8));
            assertNull(c.protocol().done.await());
            pipe.source().close();
            return null;
        });
    }

    // test_events.py: test_write_pipe_disconnect_on_close; test_unix_events.py:
    // UnixWritePipeTransportTests.test_write_err / test_write_close (a real EPIPE, not a mock)
    @Test
    void writeAfterTheReaderClosedLosesTheConnectionWithTheError() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, pipe.sink());
            pipe.source().close();
            c.transport().write("nobody reads this");
            Throwable exc = c.protocol().done.await();
            assertInstanceOf(IOException.class, exc);
            assertTrue(c.transport().isClosing());
            assertEquals(0, c.transport().getWriteBufferSize());
            c.transport().write("dropped, as asyncio drops it");
            c.transport().close();
            assertEquals(List.of("CONNECTED", "CLOSED"), c.protocol().events);
            return null;
        });
    }

    // test_unix_events.py: UnixWritePipeTransportTests.test_write_buffer / the water marks of
    // test_transports.py, against a real pipe nobody reads until the writer paused
    @Test
    void flowControlPausesAndResumesAtTheWaterMarks() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, pipe.sink());
            WriteTransport t = c.transport();
            t.setWriteBufferLimits(4096, 1024);
            assertEquals(new WriteBufferLimits(1024, 4096), t.getWriteBufferLimits());
            int n = 1 << 20;
            t.write(new byte[n]);
            assertEquals(List.of("CONNECTED", "PAUSE"), c.protocol().events);
            assertTrue(t.getWriteBufferSize() > 0);
            Task<byte[]> reader = Asyncio.createTask(() -> readToEof(pipe.source()));
            c.protocol().resumed.await();
            assertEquals(List.of("CONNECTED", "PAUSE", "RESUME"), c.protocol().events);
            t.close();
            assertEquals(n, reader.await().length);
            assertNull(c.protocol().done.await());
            assertEquals(0, t.getWriteBufferSize());
            pipe.source().close();
            return null;
        });
    }

    // test_unix_events.py: UnixWritePipeTransportTests.test_abort
    @Test
    void abortDropsTheBufferAndClosesAtOnce() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Pipe pipe = Pipe.open();
            Connection<WriteTransport, WriteProto> c = loop.connectWritePipe(WriteProto::new, pipe.sink());
            c.transport().write(new byte[1 << 20]); // more than the pipe holds: the writer blocks
            c.transport().abort();
            assertTrue(c.transport().isClosing());
            assertNull(c.protocol().done.await());
            assertEquals(0, c.transport().getWriteBufferSize());
            assertFalse(pipe.sink().isOpen());
            pipe.source().close();
            return null;
        });
    }
}
