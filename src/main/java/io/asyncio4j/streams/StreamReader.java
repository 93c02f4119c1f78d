package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.ReadTransport;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reading half of a stream: asyncio's {@code asyncio.StreamReader}. Data is pushed in with
 * {@link #feedData} / {@link #feedEof} (by a {@link StreamReaderProtocol}, a subprocess pipe, or a
 * test) and pulled out by tasks with {@link #read}, {@link #readline}, {@link #readexactly},
 * {@link #readuntil} or by iterating {@link #lines()}.
 *
 * <p>Flow control: when more than twice {@code limit} bytes are buffered the transport is paused
 * ({@link ReadTransport#pauseReading()}); it resumes once the buffer is back at or below
 * {@code limit}, or when a reader starts waiting for data.
 *
 * {@snippet :
 * StreamPair conn = Asyncio.openConnection("127.0.0.1", 8888);
 * for (byte[] line : conn.reader().lines()) {   // asyncio's `async for line in reader`
 *     handle(line);
 * }
 * }
 *
 * <p>Buffering: fed bytes are copied once, into a queue of arrays ({@code ChunkBuffer}), and
 * reads hand those arrays out when they want all of one; asyncio keeps a single bytearray and
 * copies out of it on every read. What is returned, raised and buffered is the same.
 *
 * <p>Threading: not thread-safe; use it on its loop's thread. Methods that wait suspend the
 * current task; when enough data is already buffered they return without suspending, even
 * outside a task. Only one task may wait for data at a time.
 *
 * <p>Errors set with {@link #setException} (e.g. a connection error such as an
 * {@link java.io.IOException}) are rethrown as they are, without being declared, like any
 * awaited failure in asyncio4j.
 */
public class StreamReader {
    private final int limit;
    private final ChunkBuffer buffer = new ChunkBuffer();
    /** The size the last {@code read(n)} asked for: incoming bytes are cut into chunks of it. */
    private int readHint;
    private boolean eof;
    private Throwable exception;
    private Future<Void> waiter;
    private ReadTransport transport;
    private boolean paused;
    /** The buffer of a {@link #readInto} waiting on an empty reader: incoming bytes go straight there. */
    private ByteBuffer directTarget;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    /** Creates a reader with asyncio's default limit, 64 KiB. */
    public StreamReader() {
        this(Streams.DEFAULT_LIMIT);
    }

    /**
     * Creates a reader: asyncio's {@code StreamReader(limit=...)}.
     *
     * @param limit the buffer limit in bytes (the longest line {@link #readline} accepts, and the
     *              flow-control threshold)
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
    }

    /** {@return the buffer limit} */
    public int limit() {
        return limit;
    }

    /** {@return the error set by {@link #setException}, or {@code null}} asyncio's {@code exception()}. */
    public Throwable exception() {
        return exception;
    }

    /**
     * Makes every later read fail with {@code exc} and wakes the waiting reader with it:
     * asyncio's {@code set_exception}.
     *
     * @param exc the error
     */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    /**
     * Attaches the transport to pause and resume: asyncio's {@code set_transport}.
     *
     * @param transport the transport feeding this reader
     * @throws IllegalStateException if a transport is already set
     */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = transport;
    }

    /** Signals the end of the stream: asyncio's {@code feed_eof}. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** {@return whether the stream ended and the buffer is empty} asyncio's {@code at_eof}. */
    public boolean atEof() {
        return eof && buffer.size() == 0;
    }

    /** {@return how many bytes are buffered} */
    public int buffered() {
        return buffer.size();
    }

    /**
     * Appends bytes to the buffer and wakes the waiting reader: asyncio's {@code feed_data}.
     *
     * @param data the bytes (copied)
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    /**
     * Appends the remaining bytes of {@code data} (consuming them) and wakes the waiting reader.
     *
     * @param data the bytes (copied)
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ByteBuffer target = directTarget();
        if (target != null) {
            int k = Math.min(n, target.remaining());
            target.put(target.position(), data, data.position(), k);
            target.position(target.position() + k);
            data.position(data.position() + k);
        }
        if (data.hasRemaining()) {
            buffer.append(data, readHint);
        }
        wakeupWaiter();
        if (transport != null && !paused && buffer.size() > 2 * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                // The transport cannot pause (asyncio: NotImplementedError): stop trying.
                transport = null;
            }
        }
    }

    /**
     * Reads one line, ending with {@code \n}: asyncio's {@code readline()}. At the end of the
     * stream returns the partial last line, or an empty array.
     *
     * @return the line, including its {@code \n}
     * @throws IllegalArgumentException if the line is longer than the limit; the line (up to and
     *         including its separator, if it was buffered) is discarded, as asyncio does
     */
    public byte[] readline() {
        try {
            return readuntil(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            buffer.flatten();
            if (e.consumed() < buffer.size() && buffer.array()[buffer.start() + e.consumed()] == '\n') {
                buffer.skip(e.consumed() + 1);
            } else {
                buffer.clear();
            }
            maybeResumeTransport();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Reads up to and including {@code separator}: asyncio's {@code readuntil(separator)}.
     *
     * @param separator the separator (at least one byte)
     * @return the data, ending with the separator
     * @throws IncompleteReadError at the end of the stream without a separator; its partial bytes
     *         are removed from the buffer
     * @throws LimitOverrunError if no separator is found within the limit; the buffer is kept
     * @throws IllegalArgumentException if the separator is empty
     */
    public byte[] readuntil(byte[] separator) {
        return readuntil(List.of(separator));
    }

    /**
     * Reads up to the first of several separators: asyncio's {@code readuntil((sep1, sep2))}.
     * The result is the shortest data ending with any of them.
     *
     * @param separators the separators (at least one, each at least one byte)
     * @return the data, ending with the separator that matched
     * @throws IncompleteReadError at the end of the stream without a separator
     * @throws LimitOverrunError if no separator is found within the limit; the buffer is kept
     * @throws IllegalArgumentException if there is no separator or one is empty
     */
    public byte[] readuntil(List<byte[]> separators) {
        if (separators.isEmpty()) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        int minLen = Integer.MAX_VALUE;
        int maxLen = 0;
        for (byte[] s : separators) {
            minLen = Math.min(minLen, s.length);
            maxLen = Math.max(maxLen, s.length);
        }
        if (minLen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int buflen = buffer.size();
            matchStart = -1;
            matchEnd = -1;
            if (buflen - offset >= minLen) {
                buffer.flatten();
                for (byte[] sep : separators) {
                    int i = indexOf(sep, offset);
                    if (i >= 0 && (matchEnd < 0 || i + sep.length < matchEnd)) {
                        matchStart = i;
                        matchEnd = i + sep.length;
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                // Where a later search must start: a separator may straddle the old end.
                offset = Math.max(0, buflen + 1 - maxLen);
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                throw new IncompleteReadError(buffer.take(buffer.size()), null);
            }
            waitForData("readuntil");
        }
        if (matchStart > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = buffer.take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * Reads up to {@code n} bytes, waiting only if nothing is buffered: asyncio's {@code read(n)}.
     * With {@code n < 0} reads to the end of the stream.
     *
     * <p>Bytes fed after a {@code read(n)} are stored in arrays cut where reads of {@code n}
     * bytes would end, so a loop of {@code read(n)} usually gets those arrays as they are,
     * without a second copy (the array returned always belongs to the caller).
     *
     * @param n the most bytes to return, or a negative number for everything
     * @return the bytes; empty at the end of the stream (or when {@code n == 0})
     */
    public byte[] read(int n) {
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            return read();
        }
        readHint = n;
        if (buffer.size() == 0 && !eof) {
            waitForData("read");
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads up to {@code dst.remaining()} bytes into {@code dst}, waiting only if nothing is
     * buffered: {@link #read(int)} into a buffer the caller owns and can reuse, like Python's
     * {@code readinto} (and asyncio's {@code loop.sock_recv_into}). asyncio's StreamReader has no
     * such method.
     *
     * <p>While it waits on an empty reader, the bytes that arrive are put straight into
     * {@code dst}: over a plain socket the transport reads into it (no copy at all, as with a
     * {@link io.asyncio4j.transports.BufferedProtocol}); from other feeders they are copied into
     * it once. So an echo loop over one reused buffer allocates nothing per message.
     *
     * {@snippet :
     * ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
     * while (reader.readInto(buf.clear()) > 0) {
     *     writer.write(buf.flip());   // copies only what the socket does not take at once
     *     writer.drain();
     * }
     * }
     *
     * <p>Cancelled while waiting, it loses nothing: bytes that already went into {@code dst} are
     * taken back into the reader (and {@code dst}'s position restored) before the
     * {@link io.asyncio4j.CancelledError} propagates.
     *
     * @param dst where to put the bytes, from its position; its position advances
     * @return how many bytes were read; 0 at the end of the stream (or when {@code dst} has no room)
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     */
    public int readInto(ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        throwIfFailed();
        int room = dst.remaining();
        if (room == 0) {
            return 0;
        }
        if (buffer.size() == 0 && !eof) {
            int mark = dst.position();
            try {
                waitForData("readInto", dst);
            } catch (Throwable e) {
                // Cancelled after bytes went straight into dst: they return to the buffer.
                buffer.unread(dst.slice(mark, dst.position() - mark));
                dst.position(mark);
                throw e;
            }
            if (dst.position() > mark) {
                return dst.position() - mark;
            }
        }
        int k = Math.min(room, buffer.size());
        buffer.takeInto(dst, k);
        maybeResumeTransport();
        return k;
    }

    /**
     * {@return the buffer of a {@link #readInto} waiting on this empty reader, or {@code null}}
     * The caller puts bytes at its position and then calls {@link #directFilled()}. Lent once per
     * wait: filling it wakes the reader, which clears {@code waiter}.
     */
    ByteBuffer directTarget() {
        return directTarget != null && waiter != null && !waiter.done() ? directTarget : null;
    }

    /** Bytes were put into {@link #directTarget()}: wakes the reader. */
    void directFilled() {
        wakeupWaiter();
    }

    /**
     * Puts bytes a caller read but could not hand on back in front of the buffer, so the next
     * read returns them first (as Java's {@code PushbackInputStream.unread}). asyncio's
     * StreamReader has no such method; the Reactor bridge uses it so that a chunk read for a
     * subscriber who cancelled is not lost. Works after {@link #feedEof()} too (the stream is
     * then no longer at its end until the bytes are read again).
     *
     * @param data the bytes, in stream order (copied)
     */
    public void unread(byte[] data) {
        if (data.length == 0) {
            return;
        }
        buffer.unread(ByteBuffer.wrap(data));
        wakeupWaiter();
    }

    /**
     * Reads until the end of the stream: asyncio's {@code read()} / {@code read(-1)}.
     *
     * @return every remaining byte
     */
    public byte[] read() {
        throwIfFailed();
        // Reading in limit-sized blocks keeps the transport flowing (asyncio does the same).
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] block = read(limit);
            if (block.length == 0) {
                return all.toByteArray();
            }
            all.writeBytes(block);
        }
    }

    /**
     * Reads exactly {@code n} bytes: asyncio's {@code readexactly(n)}.
     *
     * @param n how many bytes
     * @return the bytes
     * @throws IncompleteReadError if the stream ends first; it carries the partial bytes, which
     *         are removed from the buffer
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public byte[] readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (buffer.size() < n) {
            if (eof) {
                throw new IncompleteReadError(buffer.take(buffer.size()), n);
            }
            waitForData("readexactly");
        }
        byte[] data = buffer.take(n);
        maybeResumeTransport();
        return data;
    }

    /**
     * {@return the stream's lines, read lazily with {@link #readline()}}: asyncio's
     * {@code async for line in reader}. Each line keeps its {@code \n}; iteration ends at the end
     * of the stream. {@code hasNext()} suspends the current task while it waits for a line.
     */
    public Iterable<byte[]> lines() {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readline();
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("end of stream");
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    /**
     * {@return the stream's lines decoded with {@code charset}, without their line terminator
     * ({@code \n} or {@code \r\n})} Like {@link #lines()}.
     *
     * @param charset the text encoding
     */
    public Iterable<String> textLines(Charset charset) {
        Iterable<byte[]> raw = lines();
        return () -> {
            Iterator<byte[]> it = raw.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public String next() {
                    byte[] line = it.next();
                    int n = line.length;
                    if (n > 0 && line[n - 1] == '\n') {
                        n--;
                        if (n > 0 && line[n - 1] == '\r') {
                            n--;
                        }
                    }
                    return new String(line, 0, n, charset);
                }
            };
        };
    }

    /** {@return a copy of the buffered bytes} For tests and diagnostics. */
    byte[] bufferSnapshot() {
        return buffer.snapshot();
    }

    /** {@return whether this reader paused its transport} */
    boolean isTransportPaused() {
        return paused;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StreamReader");
        if (buffer.size() > 0) {
            sb.append(' ').append(buffer.size()).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != Streams.DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.toString();
    }

    // ---- internals --------------------------------------------------------------------------

    private void throwIfFailed() {
        if (exception != null) {
            throw Sneaky.rethrow(exception);
        }
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Suspends the current task until data or EOF arrives: asyncio's {@code _wait_for_data}. */
    private void waitForData(String funcName) {
        waitForData(funcName, null);
    }

    /**
     * {@link #waitForData(String)} for a {@link #readInto}: while it waits, {@code target} is lent
     * out as {@link #directTarget()}.
     */
    private void waitForData(String funcName, ByteBuffer target) {
        if (waiter != null) {
            throw new IllegalStateException(funcName
                    + "() called while another task is already waiting for incoming data");
        }
        if (eof) {
            throw new IllegalStateException("waiting for data after EOF");
        }
        // A reader that waits wants data even if the buffer is over the limit (e.g. a long
        // line): resume, as asyncio does, or readuntil could wait forever.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = Asyncio.getRunningLoop().createFuture();
        waiter = w;
        directTarget = target;
        try {
            w.await();
        } finally {
            directTarget = null;
            if (waiter == w) {
                waiter = null;
            }
        }
    }

    /**
     * {@return the index of {@code sep} relative to the first buffered byte, searching from
     * {@code from}, or -1} The buffer must be {@linkplain ChunkBuffer#flatten() flat}.
     */
    private int indexOf(byte[] sep, int from) {
        byte[] buf = buffer.array();
        int head = buffer.start();
        byte first = sep[0];
        int last = buffer.end() - sep.length;
        outer:
        for (int i = head + from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - head;
        }
        return -1;
    }
}
