package io.asyncio4j.internal.net;

import io.asyncio4j.Future;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;

import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * Stands in for a transport's protocol while {@code loop.sendfile} writes a file through it by
 * reading and writing (asyncio's {@code _SendfileFallbackProtocol}): reading is paused, the
 * transport's {@code pauseWriting}/{@code resumeWriting} are turned into {@link #drain()}, a lost
 * connection is passed on to the real protocol, and {@link #restore()} puts everything back.
 */
final class SendfileFallbackProtocol implements Protocol {
    private final EventLoop loop;
    private final Transport transport;
    private final BaseProtocol<Transport> original;
    private final boolean resumeReading;
    private final boolean resumeWriting;
    private Future<Void> writeReady;

    @SuppressWarnings("unchecked")
    SendfileFallbackProtocol(EventLoop loop, Transport transport) {
        this.loop = loop;
        this.transport = transport;
        this.original = (BaseProtocol<Transport>) transport.getProtocol();
        this.resumeReading = transport.isReading();
        // The original protocol was paused if the buffer is above the high-water mark.
        this.resumeWriting = transport.getWriteBufferSize() > transport.getWriteBufferHighLimit();
        transport.pauseReading();
        transport.setProtocol(this);
        if (resumeWriting) {
            writeReady = loop.createFuture();
        }
    }

    /** Waits until the transport's buffer is below its high-water mark. */
    void drain() {
        if (transport.isClosing()) {
            throw Sneaky.rethrow(new SocketException("Connection closed by peer"));
        }
        Future<Void> f = writeReady;
        if (f != null) {
            f.await();
        }
    }

    @Override
    public void connectionMade(Transport t) {
        throw new IllegalStateException("Invalid state: connection should have been established already.");
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (writeReady != null && !writeReady.done()) {
            // A peer that goes away in the middle of the file is always an error for the sender.
            writeReady.setException(exc != null ? exc : new SocketException("Connection is closed by peer"));
        }
        original.connectionLost(exc);
    }

    @Override
    public void pauseWriting() {
        if (writeReady == null) {
            writeReady = loop.createFuture();
        }
    }

    @Override
    public void resumeWriting() {
        if (writeReady != null) {
            writeReady.setResult(null);
            writeReady = null;
        }
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        throw new IllegalStateException("Invalid state: reading should be paused");
    }

    @Override
    public boolean eofReceived() {
        throw new IllegalStateException("Invalid state: reading should be paused");
    }

    /** Gives the transport back to its protocol, resuming what sendfile paused. */
    void restore() {
        transport.setProtocol(original);
        if (resumeReading) {
            transport.resumeReading();
        }
        if (writeReady != null) {
            writeReady.cancel();
            writeReady = null;
        }
        if (resumeWriting) {
            original.resumeWriting();
        }
    }
}
