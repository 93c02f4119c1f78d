package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.ReadPipeProtocol;
import io.asyncio4j.transports.ReadTransport;

import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The transport of {@code loop.connectReadPipe} (asyncio's {@code _UnixReadPipeTransport}): a
 * {@link PipeReader} pumps the channel on its own thread, which works for every readable channel
 * (a FIFO opened as a {@code FileChannel} cannot be selected). At end of file the protocol hears
 * {@code eofReceived()} then {@code connectionLost(null)}; the channel is closed when the
 * transport is lost.
 */
public final class ReadPipeTransport implements ReadTransport, PipeOwner {
    private final EventLoop loop;
    private final ReadableByteChannel channel;
    private final PipeReader reader;
    private ReadPipeProtocol protocol;
    private boolean lost;

    private ReadPipeTransport(EventLoop loop, ReadableByteChannel channel, ReadPipeProtocol protocol) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.reader = new PipeReader(loop, this, 0, Channels.newInputStream(channel));
    }

    /**
     * The body of {@code EventLoop.connectReadPipe}: asyncio's {@code loop.connect_read_pipe}.
     * Suspends until {@code connectionMade} has run.
     *
     * @param loop the running loop
     * @param factory makes the protocol
     * @param pipe the readable end; made blocking, owned (and closed) by the transport
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException if the channel is closed or registered with a selector
     */
    public static <P extends ReadPipeProtocol> Connection<ReadTransport, P> connect(
            EventLoop loop, Supplier<P> factory, ReadableByteChannel pipe) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(pipe, "pipe");
        PipeChannels.prepare(pipe);
        P protocol = factory.get();
        ReadPipeTransport t = new ReadPipeTransport(loop, pipe, protocol);
        OpenResources.transportOpened();
        Future<Void> made = loop.createFuture();
        loop.callSoon(() -> {
            t.protocol.connectionMade(t);
            if (!t.isClosing()) {
                t.reader.start("asyncio4j-read-pipe");
            }
            made.setResult(null);
        });
        made.await();
        return new Connection<>(t, protocol);
    }

    @Override
    public void pipeData(int fd, ByteBuffer data) {
        protocol.dataReceived(data);
    }

    @Override
    public void pipeEof(int fd) {
        protocol.eofReceived();
        finish(null);
    }

    @Override
    public void pipeLost(int fd, Throwable exc) {
        if (exc != null) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Fatal read error on pipe transport");
            context.put("exception", exc);
            context.put("transport", this);
            context.put("protocol", protocol);
            loop.callExceptionHandler(context);
        }
        finish(exc);
    }

    private void finish(Throwable exc) {
        if (lost) {
            return;
        }
        lost = true;
        PipeChannels.closeQuietly(channel);
        OpenResources.transportClosed();
        protocol.connectionLost(exc);
    }

    @Override
    public void writerPauseWriting() {
        throw new AssertionError("a read pipe has no writer");
    }

    @Override
    public void writerResumeWriting() {
        throw new AssertionError("a read pipe has no writer");
    }

    @Override
    public boolean isReading() {
        return reader.isReading();
    }

    @Override
    public void pauseReading() {
        reader.pauseReading();
    }

    @Override
    public void resumeReading() {
        reader.resumeReading();
    }

    /** {@return the channel for {@code "pipe"}, else null} asyncio's {@code get_extra_info('pipe')}. */
    @Override
    public Object getExtraInfo(String name) {
        return "pipe".equals(name) ? channel : null;
    }

    @Override
    public boolean isClosing() {
        return reader.isClosing() || lost;
    }

    /** Stops reading and closes the pipe; the protocol hears {@code connectionLost(null)} soon after. */
    @Override
    public void close() {
        reader.close();
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        if (!(protocol instanceof ReadPipeProtocol p)) {
            throw new IllegalArgumentException("a read pipe needs a ReadPipeProtocol, not " + protocol);
        }
        this.protocol = p;
    }

    @Override
    public ReadPipeProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "ReadPipeTransport[" + channel + (lost ? " closed" : isClosing() ? " closing" : "")
                + (reader.isReading() || isClosing() ? "" : " paused") + "]";
    }
}
