package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.CloseOnce;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.WriteTransport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedTransferQueue;

/**
 * The write transport of a child's stdin (asyncio's {@code _UnixWritePipeTransport}), without
 * native code: {@link #write} queues a copy on the loop thread and a pump thread ({@link PipeThreads}) writes the
 * queue to the pipe's {@link OutputStream}, reporting each finished chunk back to the loop, which
 * keeps the buffered byte count and calls the protocol's {@code pauseWriting}/{@code resumeWriting}
 * at the water marks.
 *
 * <p>If the child stops reading or exits, the write fails (EPIPE): the transport closes and the
 * error goes to {@code pipeConnectionLost(0, exc)}, so {@code drain()} raises it; later writes
 * raise it too. The writer thread ends on {@link #close()}, {@link #writeEof()}, {@link #abort()},
 * an error, or when the child exits.
 */
final class PipeWriter implements WriteTransport {
    private static final byte[] EOF = new byte[0];

    private final EventLoop loop;
    private final PipeOwner owner;
    private final OutputStream out;
    /** Lock-free for the loop's add (a LinkedBlockingQueue would make it wait for the pump's take lock). */
    private final LinkedTransferQueue<byte[]> queue = new LinkedTransferQueue<>();
    private int buffered;
    private final WriteFlowControl flow = new WriteFlowControl();
    private final CloseOnce state = new CloseOnce();
    private boolean childGone;
    private Throwable error;

    PipeWriter(EventLoop loop, PipeOwner owner, OutputStream out) {
        this.loop = loop;
        this.owner = owner;
        this.out = out;
    }

    void start(String name) {
        PipeThreads.start(name, this::pump);
    }

    private void pump() {
        Throwable failure = null;
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == EOF) {
                    break;
                }
                out.write(chunk);
                out.flush();
                int n = chunk.length;
                if (!post(() -> written(n))) {
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        Throwable exc = failure;
        post(() -> lost(exc));
    }

    private boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (RuntimeException loopClosed) {
            return false;
        }
    }

    private void written(int n) {
        buffered -= n;
        if (flow.shouldResume(buffered)) {
            owner.writerResumeWriting();
        }
    }

    private void lost(Throwable exc) {
        if (!state.markLost()) {
            return;
        }
        exc = io.asyncio4j.internal.SocketErrors.asAsyncioType(exc);
        if (exc != null && error == null) {
            error = exc;
        }
        buffered = 0;
        owner.pipeLost(0, exc);
    }

    @Override
    public void setWriteBufferLimits(Integer highMark, Integer lowMark) {
        flow.setLimits(highMark, lowMark);
    }

    @Override
    public int getWriteBufferSize() {
        return buffered;
    }

    @Override
    public int getWriteBufferLowLimit() {
        return flow.low();
    }

    @Override
    public int getWriteBufferHighLimit() {
        return flow.high();
    }

    /**
     * Queues the bytes for the child.
     *
     * Raises (without declaring it) the pipe's {@link IOException}, e.g. "Broken pipe", once the
     * child stopped reading.
     *
     * @throws IllegalStateException after {@link #writeEof()} or {@link #close()}
     */
    @Override
    public void write(ByteBuffer data) {
        if (error == null && childGone) {
            // What a write to a dead child's pipe gets from the OS (EPIPE), said plainly.
            error = new io.asyncio4j.BrokenPipeError("Broken pipe: the child process exited", null);
        }
        if (error != null) {
            throw Sneaky.rethrow(error);
        }
        if (state.isClosing()) {
            throw new IllegalStateException("stdin pipe is closing");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        byte[] copy = new byte[n];
        data.get(copy);
        buffered += n;
        queue.add(copy);
        if (flow.shouldPause(buffered)) {
            owner.writerPauseWriting();
        }
    }

    @Override
    public void writeEof() {
        close();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void abort() {
        queue.clear();
        close();
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? out : null;
    }

    @Override
    public boolean isClosing() {
        return state.isClosing();
    }

    /** Flushes what is queued, then closes the pipe; the child sees EOF. */
    @Override
    public void close() {
        if (state.beginClosing()) {
            queue.add(EOF);
        }
    }

    /**
     * The child exited: end the writer thread even if nobody closes stdin. Data still queued is
     * written anyway, so it fails with the pipe's real error (EPIPE) rather than vanishing.
     */
    void childExited() {
        childGone = true;
        if (state.beginClosing()) {
            queue.add(EOF);
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        throw new UnsupportedOperationException("a pipe of a subprocess transport reports to the subprocess protocol");
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return owner.getProtocol();
    }

    @Override
    public String toString() {
        return "PipeWriter buffered=" + buffered + (state.isClosing() ? " closing" : "");
    }
}
