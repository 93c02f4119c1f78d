package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.CloseOnce;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.ReadTransport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * The read transport of a child's stdout or stderr (asyncio's {@code _UnixReadPipeTransport}),
 * without native code: a pump thread ({@link PipeThreads}) reads the pipe's {@link InputStream} and hands
 * each chunk to the loop with {@code callSoonThreadsafe}.
 *
 * <p>Flow control: the pump needs a credit to read a chunk. The loop gives the credit back after
 * delivering the chunk, unless reading is paused, so at most one chunk is in flight and a paused
 * reader stops the pump from reading the pipe (the child then blocks on a full pipe, as with
 * asyncio). The pump ends at EOF, on an error, or when the transport is closed.
 */
final class PipeReader implements ReadTransport {
    private static final int CHUNK = 64 * 1024;

    private final EventLoop loop;
    private final PipeOwner owner;
    private final int fd;
    private final InputStream in;
    private final Semaphore credit = new Semaphore(1);
    private final CloseOnce state = new CloseOnce();
    private boolean reading = true;
    private boolean owed;

    PipeReader(EventLoop loop, PipeOwner owner, int fd, InputStream in) {
        this.loop = loop;
        this.owner = owner;
        this.fd = fd;
        this.in = in;
    }

    void start(String name) {
        PipeThreads.start(name, this::pump);
    }

    private void pump() {
        try {
            while (true) {
                credit.acquire();
                if (state.isClosing()) {
                    break;
                }
                byte[] b = new byte[CHUNK];
                int n = in.read(b);
                if (n < 0) {
                    post(this::eof);
                    break;
                }
                byte[] chunk = n == b.length ? b : Arrays.copyOf(b, n);
                if (!post(() -> deliver(chunk))) {
                    break;
                }
            }
        } catch (IOException e) {
            post(() -> lost(state.isClosing() ? null : e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly();
        }
    }

    /** {@return false if the loop is gone and the pump should stop} */
    private boolean post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
            return true;
        } catch (RuntimeException loopClosed) {
            return false;
        }
    }

    private void deliver(byte[] chunk) {
        if (state.isLost()) {
            return;
        }
        owner.pipeData(fd, ByteBuffer.wrap(chunk));
        if (reading) {
            credit.release();
        } else {
            owed = true;
        }
    }

    private void eof() {
        if (state.markLost()) {
            owner.pipeEof(fd);
        }
    }

    private void lost(Throwable exc) {
        if (state.markLost()) {
            owner.pipeLost(fd, exc);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing to report: the pipe is being discarded.
        }
    }

    @Override
    public boolean isReading() {
        return reading && !state.isClosing();
    }

    @Override
    public void pauseReading() {
        reading = false;
    }

    @Override
    public void resumeReading() {
        if (!reading) {
            reading = true;
            if (owed) {
                owed = false;
                credit.release();
            }
        }
    }

    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? in : null;
    }

    @Override
    public boolean isClosing() {
        return state.isClosing();
    }

    /** Stops reading; the protocol hears {@code pipeConnectionLost(fd, null)} soon after. */
    @Override
    public void close() {
        if (!state.beginClosing()) {
            return;
        }
        credit.release(); // wake a pump waiting for credit so it can end
        loop.callSoon(() -> lost(null));
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
        return "PipeReader fd=" + fd + (state.isClosing() ? " closing" : "") + (reading ? "" : " paused");
    }
}
