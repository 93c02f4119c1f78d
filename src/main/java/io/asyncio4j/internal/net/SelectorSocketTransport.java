package io.asyncio4j.internal.net;

import io.asyncio4j.internal.loop.LoopRuntime;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.BufferedProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A TCP or Unix-socket stream transport over a non-blocking {@link SocketChannel}, driven by the
 * loop's {@code addReader}/{@code addWriter}: asyncio's {@code _SelectorSocketTransport}.
 *
 * <p>States: {@code open -> closing (close: flushing) -> lost (connectionLost scheduled)}; a
 * transport can also go straight to lost ({@code abort}, a fatal error). The protocol sees
 * {@code connectionMade -> (dataReceived | bufferUpdated)* -> eofReceived? -> connectionLost}
 * exactly once each.
 *
 * <p>Reads go into one reusable buffer per loop ({@link LoopNetwork#readBuffer()}); a {@link BufferedProtocol}
 * is read into straight from its own buffer. Writes go to the socket first; only what it does
 * not take is copied into a {@link WriteQueue}, and OP_WRITE is watched only while that queue is
 * not empty. Not thread-safe: used on the loop's thread.
 */
final class SelectorSocketTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j.transports");
    /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
    private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final ByteBuffer readBuffer;
    private final WriteQueue queue = new WriteQueue();
    private final TcpServer server;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    private final SocketAddress peername;
    private final SocketAddress sockname;

    private BaseProtocol<Transport> protocol;
    private Protocol streamProtocol;
    private BufferedProtocol bufferedProtocol;
    private int connLost;
    private boolean closing;
    private boolean eof;
    private boolean eofReceived;
    private boolean paused;
    private final WriteFlowControl flow = new WriteFlowControl();
    private boolean writerRegistered;
    /** Set while {@code loop.sendfile} owns the socket (asyncio's {@code _empty_waiter}). */
    private Future<Void> emptyWaiter;

    /**
     * Sets up the transport and schedules {@code connectionMade}, then reading, then
     * {@code waiter}'s completion, in that order (as asyncio does).
     *
     * @param loop the loop
     * @param channel a connected channel
     * @param protocol the protocol ({@link Protocol} or {@link BufferedProtocol})
     * @param waiter completed once {@code connectionMade} ran, or {@code null}
     * @param server the server that accepted the connection, or {@code null}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    SelectorSocketTransport(EventLoop loop, SocketChannel channel, BaseProtocol<Transport> protocol,
                            Future<Void> waiter, TcpServer server) {
        this.loop = loop;
        this.channel = channel;
        this.server = server;
        this.readBuffer = LoopRuntime.of(loop).network().readBuffer();
        OpenResources.transportOpened();
        SocketAddress peer = null;
        SocketAddress local = null;
        try {
            if (channel.isBlocking()) {
                channel.configureBlocking(false);
            }
            peer = channel.getRemoteAddress();
            local = channel.getLocalAddress();
            if (!(local instanceof java.net.UnixDomainSocketAddress)) {
                // asyncio's _set_nodelay: small writes must not wait for Nagle.
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
        } catch (IOException e) {
            // The peer may already be gone; the first read will report it.
        }
        this.peername = peer;
        this.sockname = local;
        setProtocol((BaseProtocol) protocol);
        if (server != null) {
            server.attach(this);
        }
        loop.callSoon(() -> start(waiter));
    }

    private void start(Future<Void> waiter) {
        try {
            protocol.connectionMade(this);
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            // asyncio runs connection_made as a plain callback: its error goes to the handler.
            report("Exception in protocol.connectionMade()", e);
        }
        if (isReading() && !eofReceived) {
            loop.addReader(channel, onReadable);
        }
        if (waiter != null && !waiter.done()) {
            waiter.setResult(null);
        }
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * One read per readiness event, into the {@link BufferedProtocol}'s own buffer or else the
     * loop's shared one, then {@code bufferUpdated} or {@code dataReceived} (asyncio's
     * {@code _read_ready__get_buffer} and {@code _read_ready__data_received}).
     */
    private void readReady() {
        if (connLost > 0) {
            return;
        }
        BufferedProtocol bp = bufferedProtocol;
        ByteBuffer buf;
        if (bp == null) {
            buf = readBuffer;
            buf.clear();
        } else {
            try {
                buf = bp.getBuffer(-1);
                if (buf == null || !buf.hasRemaining()) {
                    throw new IllegalStateException("getBuffer() returned an empty buffer");
                }
            } catch (CancelledError e) {
                throw e;
            } catch (Throwable e) {
                fatalError(e, "Fatal error: protocol.getBuffer() call failed.");
                return;
            }
        }
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return;
        }
        if (n < 0) {
            onEof();
            return;
        }
        if (n == 0) {
            return;
        }
        try {
            if (bp == null) {
                streamProtocol.dataReceived(buf.flip());
            } else {
                bp.bufferUpdated(n);
            }
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            fatalError(e, bp == null ? "Fatal error: protocol.dataReceived() call failed."
                    : "Fatal error: protocol.bufferUpdated() call failed.");
        }
    }

    private void onEof() {
        eofReceived = true;
        boolean keepOpen;
        try {
            keepOpen = bufferedProtocol != null ? bufferedProtocol.eofReceived() : streamProtocol.eofReceived();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
            return;
        }
        if (keepOpen) {
            // Half-open: the protocol may still write, but nothing more can be received.
            loop.removeReader(channel);
        } else {
            close();
        }
    }

    @Override
    public boolean isReading() {
        return !paused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing || paused) {
            return;
        }
        paused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        if (!eofReceived) {
            loop.addReader(channel, onReadable);
        }
    }

    // ---- writing ------------------------------------------------------------------------------

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (eof) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (emptyWaiter != null) {
            throw new IllegalStateException("unable to write; sendfile is in progress");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (connLost > 0) {
            if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
            }
            connLost++;
            data.position(data.limit());
            return;
        }
        if (queue.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
            writerRegistered = true;
        }
        queue.add(data);
        maybePauseProtocol();
    }

    @Override
    public void writelines(Iterable<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            write(b);
        }
    }

    private void writeReady() {
        if (connLost > 0) {
            return;
        }
        try {
            queue.flushTo(channel);
        } catch (IOException e) {
            removeWriter();
            queue.clear();
            failEmptyWaiter(e);
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        maybeResumeProtocol();
        if (queue.isEmpty()) {
            removeWriter();
            if (emptyWaiter != null && !emptyWaiter.done()) {
                emptyWaiter.setResult(null);
            }
            if (closing) {
                connLost++;
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (queue.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e, "Fatal error on shutdownOutput()");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public int getWriteBufferSize() {
        return queue.size();
    }

    @Override
    public int getWriteBufferLowLimit() {
        return flow.low();
    }

    @Override
    public int getWriteBufferHighLimit() {
        return flow.high();
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        flow.setLimits(high, low);
        maybePauseProtocol();
    }

    private void maybePauseProtocol() {
        if (!flow.shouldPause(queue.size())) {
            return;
        }
        try {
            protocol.pauseWriting();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            report("protocol.pauseWriting() failed", e);
        }
    }

    private void maybeResumeProtocol() {
        if (!flow.shouldResume(queue.size())) {
            return;
        }
        try {
            protocol.resumeWriting();
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            report("protocol.resumeWriting() failed", e);
        }
    }

    // ---- closing ------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (queue.isEmpty()) {
            connLost++;
            removeWriter();
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    private void fatalError(Throwable exc, String message) {
        if (exc instanceof IOException) {
            // Connection errors are expected (resets, broken pipes): asyncio logs them at debug.
            if (loop.getDebug()) {
                LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
            }
        } else {
            report(message, exc);
        }
        forceClose(exc);
    }

    private void report(String message, Throwable exc) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exc);
        ctx.put("transport", this);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }

    private void forceClose(Throwable exc) {
        if (connLost > 0) {
            return;
        }
        failEmptyWaiter(exc != null ? exc : new java.net.SocketException("Connection is closed by peer"));
        if (!queue.isEmpty()) {
            queue.clear();
            removeWriter();
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Throwable exc) {
        failEmptyWaiter(exc != null ? exc : new java.net.SocketException("Connection is closed by peer"));
        try {
            protocol.connectionLost(exc);
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            report("Exception in protocol.connectionLost()", e);
        } finally {
            // Deregister before closing so the selector's bookkeeping stays exact.
            loop.removeReader(channel);
            removeWriter();
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do with a socket that fails to close.
            }
            OpenResources.transportClosed();
            if (server != null) {
                server.detach(this);
            }
        }
    }

    private void removeWriter() {
        if (writerRegistered) {
            writerRegistered = false;
            loop.removeWriter(channel);
        }
    }

    // ---- the rest -----------------------------------------------------------------------------

    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "peername" -> peername;
            case "sockname" -> sockname;
            case "socket" -> channel;
            default -> null;
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setProtocol(BaseProtocol<?> protocol) {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol instanceof BufferedProtocol bp) {
            bufferedProtocol = bp;
            streamProtocol = null;
        } else if (protocol instanceof Protocol p) {
            streamProtocol = p;
            bufferedProtocol = null;
        } else {
            throw new IllegalArgumentException("a stream transport needs a Protocol or a BufferedProtocol, not "
                    + protocol.getClass().getName());
        }
        this.protocol = (BaseProtocol<Transport>) protocol;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    /** {@return the channel} */
    SocketChannel channel() {
        return channel;
    }

    /**
     * Hands the socket to {@code loop.sendfile} (asyncio's {@code _make_empty_waiter}): from now
     * on {@link #write} refuses data, and the returned future completes once the write buffer
     * is empty, or fails if the connection is lost first.
     *
     * @throws IllegalStateException if a sendfile is already in progress
     */
    Future<Void> beginSendfile() {
        if (emptyWaiter != null) {
            throw new IllegalStateException("sendfile is already in progress on " + this);
        }
        emptyWaiter = loop.createFuture();
        if (queue.isEmpty()) {
            emptyWaiter.setResult(null);
        }
        return emptyWaiter;
    }

    /** {@code loop.sendfile} is done with the socket (asyncio's {@code _reset_empty_waiter}). */
    void endSendfile() {
        emptyWaiter = null;
    }

    private void failEmptyWaiter(Throwable exc) {
        if (emptyWaiter != null && !emptyWaiter.done()) {
            emptyWaiter.setException(exc);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SelectorSocketTransport[");
        sb.append(connLost > 0 ? "closed" : closing ? "closing" : "open");
        if (peername != null) {
            sb.append(" peer=").append(peername);
        }
        if (!queue.isEmpty()) {
            sb.append(" buffered=").append(queue.size());
        }
        return sb.append(']').toString();
    }
}
