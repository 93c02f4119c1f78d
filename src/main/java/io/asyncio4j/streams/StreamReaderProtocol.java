package io.asyncio4j.streams;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.internal.loop.LoopRuntime;
import io.asyncio4j.transports.BufferedProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Adapts a stream {@link Transport} to a {@link StreamReader} and gives {@link StreamWriter}
 * its flow control: asyncio's {@code asyncio.StreamReaderProtocol} (with {@code FlowControlMixin}).
 * Data and EOF go to the reader; {@code pauseWriting}/{@code resumeWriting} gate
 * {@link StreamWriter#drain()}; {@code connectionLost} ends the reader (EOF or the error), wakes
 * paused writers and completes the writer's {@link StreamWriter#waitClosed()}.
 *
 * <p>With a {@link ClientConnected} callback (what {@link Streams#startServer} uses), each
 * connection gets a {@link StreamWriter} and the callback runs as a new task; if it fails, the
 * error goes to the loop's exception handler and the connection is closed.
 *
 * <p>It is both a {@link Protocol} and a {@link BufferedProtocol}. A socket transport uses the
 * buffered form: while a {@link StreamReader#readInto} waits on an empty reader,
 * {@link #getBuffer} hands out that read's own buffer, so the socket is read straight into it;
 * otherwise it hands out the loop's shared receive buffer and {@link #bufferUpdated} feeds the
 * reader from it, which is what {@link #dataReceived} does for other transports.
 *
 * <p>Threading: the transport calls it on the loop's thread.
 */
public class StreamReaderProtocol implements Protocol, BufferedProtocol {
    private final EventLoop loop;
    private StreamReader reader;
    private final ClientConnected clientConnected;
    private final Future<Void> closed;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>(1);
    private boolean writingPaused;
    private boolean connectionLost;
    private Throwable lostError;
    private Transport transport;
    private boolean overSsl;
    private Task<Void> task;
    /** What the last {@link #getBuffer} returned: a reader's own buffer, or {@link #scratch}. */
    private ByteBuffer lent;
    private ByteBuffer scratch;

    /**
     * Creates a protocol feeding {@code reader}.
     *
     * @param reader where data goes, or {@code null} (a write-only stream)
     * @param loop the loop the connection runs on
     */
    public StreamReaderProtocol(StreamReader reader, EventLoop loop) {
        this(reader, null, loop);
    }

    /**
     * Creates a server-side protocol that runs {@code clientConnected} once connected.
     *
     * @param reader where data goes
     * @param clientConnected the per-connection callback, or {@code null}
     * @param loop the loop the connection runs on
     */
    public StreamReaderProtocol(StreamReader reader, ClientConnected clientConnected, EventLoop loop) {
        this.reader = reader;
        this.clientConnected = clientConnected;
        this.loop = loop;
        this.closed = loop.createFuture();
    }

    /** {@return the reader, or {@code null} once the connection is lost} */
    public StreamReader reader() {
        return reader;
    }

    /** {@return whether this protocol serves a {@link ClientConnected} callback (server side)} */
    public boolean isServerSide() {
        return clientConnected != null;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        overSsl = t.getExtraInfo("sslcontext") != null;
        if (reader != null) {
            reader.setTransport(t);
        }
        if (clientConnected != null) {
            StreamReader r = reader;
            StreamWriter writer = new StreamWriter(t, this, r, loop);
            task = loop.createTask(() -> {
                clientConnected.handle(r, writer);
                return null;
            });
            task.addDoneCallback(done -> {
                if (done.cancelled()) {
                    t.close();
                    return;
                }
                Throwable exc = done.exception();
                if (exc != null) {
                    Map<String, Object> ctx = new HashMap<>();
                    ctx.put("message", "Unhandled exception in client_connected_cb");
                    ctx.put("exception", exc);
                    ctx.put("transport", t);
                    loop.callExceptionHandler(ctx);
                    t.close();
                }
            });
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    /**
     * {@return where the transport should read to}: the buffer of a {@link StreamReader#readInto}
     * waiting on the empty reader, or else the loop's shared receive buffer. asyncio's
     * StreamReaderProtocol is not a BufferedProtocol; this is how {@code readInto} avoids a copy.
     *
     * @param sizeHint ignored (the buffers are as large as they are)
     */
    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        ByteBuffer target = reader != null ? reader.directTarget() : null;
        if (target != null) {
            lent = target;
            return target;
        }
        if (scratch == null) {
            scratch = LoopRuntime.of(loop).network().readBuffer();
        }
        lent = scratch;
        return scratch.clear();
    }

    /**
     * {@code nbytes} were read into the buffer {@link #getBuffer} returned: the waiting
     * {@code readInto} is woken, or the bytes are fed to the reader as {@link #dataReceived} would.
     *
     * @param nbytes how many
     */
    @Override
    public void bufferUpdated(int nbytes) {
        ByteBuffer b = lent;
        lent = null;
        if (b == null || nbytes <= 0) {
            return;
        }
        if (b == scratch) {
            dataReceived(b.flip());
        } else if (reader != null) {
            reader.directFilled();
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        // Over TLS a half-open connection is not possible (asyncio returns False there too).
        return !overSsl;
    }

    @Override
    public void connectionLost(Throwable exc) {
        exc = io.asyncio4j.internal.SocketErrors.asAsyncioType(exc);
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        if (!closed.done()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception(); // retrieved: the error is reported by reads and drain()
            }
        }
        connectionLost = true;
        lostError = exc;
        if (writingPaused) {
            for (Future<Void> w : drainWaiters) {
                if (!w.done()) {
                    if (exc == null) {
                        w.setResult(null);
                    } else {
                        w.setException(exc);
                    }
                }
            }
        }
        reader = null;
        task = null;
        transport = null;
    }

    @Override
    public void pauseWriting() {
        writingPaused = true;
    }

    @Override
    public void resumeWriting() {
        writingPaused = false;
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** The transport changed under the protocol (start_tls): asyncio's {@code _replace_transport}. */
    void replaceTransport(Transport t) {
        transport = t;
        overSsl = t.getExtraInfo("sslcontext") != null;
    }

    /** Waits while writing is paused: asyncio's {@code FlowControlMixin._drain_helper}. */
    void drainHelper() {
        if (connectionLost) {
            // asyncio raises a generic ConnectionResetError here; the real cause (a reset, a
            // broken pipe) is more useful, so it wins when there was one.
            throw io.asyncio4j.internal.Sneaky.rethrow(lostError != null ? lostError
                    : new io.asyncio4j.ConnectionResetError("Connection lost", null));
        }
        if (!writingPaused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            w.await();
        } finally {
            drainWaiters.remove(w);
        }
    }

    /** {@return the future completed when the connection is lost} */
    Future<Void> closeWaiter() {
        return closed;
    }
}
