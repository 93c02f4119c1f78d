package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.WriteTransport;

import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The transport of {@code loop.connectWritePipe} (asyncio's {@code _UnixWritePipeTransport}): a
 * {@link PipeWriter} writes the queued bytes on its own thread, so every writable channel works,
 * including a FIFO opened as a {@code FileChannel}. Water marks and {@code pauseWriting}/
 * {@code resumeWriting} as asyncio's; {@link #close()} and {@link #writeEof()} flush then close
 * the pipe; {@link #abort()} closes it at once. A failed write closes the transport with the
 * error in {@code connectionLost(exc)}; as in asyncio, writes after that, or after closing, are
 * dropped (asyncio logs a warning after a few).
 */
public final class WritePipeTransport implements WriteTransport, PipeOwner {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.transports");
    /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    private final WritableByteChannel channel;
    private final PipeWriter writer;
    private BaseProtocol<WriteTransport> protocol;
    private boolean lost;
    private boolean aborted;
    private int writesAfterClose;

    private WritePipeTransport(EventLoop loop, WritableByteChannel channel, BaseProtocol<WriteTransport> protocol) {
        this.channel = channel;
        this.protocol = protocol;
        this.writer = new PipeWriter(loop, this, Channels.newOutputStream(channel));
    }

    /**
     * The body of {@code EventLoop.connectWritePipe}: asyncio's {@code loop.connect_write_pipe}.
     * Suspends until {@code connectionMade} has run.
     *
     * @param loop the running loop
     * @param factory makes the protocol
     * @param pipe the writable end; made blocking, owned (and closed) by the transport
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException if the channel is closed or registered with a selector
     */
    public static <P extends BaseProtocol<WriteTransport>> Connection<WriteTransport, P> connect(
            EventLoop loop, Supplier<P> factory, WritableByteChannel pipe) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(pipe, "pipe");
        PipeChannels.prepare(pipe);
        P protocol = factory.get();
        WritePipeTransport t = new WritePipeTransport(loop, pipe, protocol);
        OpenResources.transportOpened();
        t.writer.start("asyncio4j-write-pipe");
        Future<Void> made = loop.createFuture();
        loop.callSoon(() -> {
            t.protocol.connectionMade(t);
            made.setResult(null);
        });
        made.await();
        return new Connection<>(t, protocol);
    }

    @Override
    public void pipeData(int fd, ByteBuffer data) {
        throw new AssertionError("a write pipe has no reader");
    }

    @Override
    public void pipeLost(int fd, Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        PipeChannels.closeQuietly(channel);
        OpenResources.transportClosed();
        protocol.connectionLost(aborted ? null : exc);
    }

    @Override
    public void writerPauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    public void writerResumeWriting() {
        protocol.resumeWriting();
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        writer.setWriteBufferLimits(high, low);
    }

    @Override
    public int getWriteBufferSize() {
        return lost ? 0 : writer.getWriteBufferSize();
    }

    @Override
    public int getWriteBufferLowLimit() {
        return writer.getWriteBufferLowLimit();
    }

    @Override
    public int getWriteBufferHighLimit() {
        return writer.getWriteBufferHighLimit();
    }

    /**
     * Queues a copy of the bytes for the pipe. Dropped once the transport is closing or lost, as
     * asyncio drops them.
     */
    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (lost || writer.isClosing()) {
            if (writesAfterClose >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "pipe closed by peer or os.write(pipe, data) raised exception.");
            }
            writesAfterClose++;
            return;
        }
        writer.write(data);
    }

    /** Flushes what is buffered, then closes the pipe: the reader sees end of file. */
    @Override
    public void writeEof() {
        writer.writeEof();
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Drops the buffer and closes the pipe now; the protocol hears {@code connectionLost(null)}. */
    @Override
    public void abort() {
        if (lost) {
            return;
        }
        aborted = true;
        writer.abort();
        // Unblocks a pump stuck writing to a full pipe; it then reports the loss.
        PipeChannels.closeQuietly(channel);
    }

    /** {@return the channel for {@code "pipe"}, else null} asyncio's {@code get_extra_info('pipe')}. */
    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? channel : null;
    }

    @Override
    public boolean isClosing() {
        return lost || writer.isClosing();
    }

    /** Like {@link #writeEof()}: flushes, then closes the pipe. */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setProtocol(BaseProtocol<?> protocol) {
        this.protocol = (BaseProtocol<WriteTransport>) Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public BaseProtocol<WriteTransport> getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "WritePipeTransport[" + channel + (lost ? " closed" : isClosing() ? " closing" : "")
                + " buffered=" + getWriteBufferSize() + "]";
    }
}
