package io.asyncio4j.internal.net.tls;

import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.BufferedProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One end of an in-memory stream connection for tests: what it writes reaches the peer's
 * protocol on a later loop iteration ({@code callSoon}), so two TLS layers can be wired back to
 * back without sockets, on the virtual-time loop.
 *
 * <p>With {@link #holdWrites} set, writes stay in this end's buffer (and count towards the water
 * marks, calling {@code pauseWriting}) until {@link #flush()}; with {@link #swallowWrites} set they
 * vanish, as if the peer never answered.
 */
final class MemoryTransport implements Transport {
    private final EventLoop loop;
    private final String name;
    private BaseProtocol<?> protocol;
    MemoryTransport peer;
    boolean holdWrites;
    boolean swallowWrites;
    boolean aborted;
    private boolean closing;
    private boolean lost;
    private boolean reading = true;
    private boolean writingPaused;
    private int high = 64 * 1024;
    private int low = 16 * 1024;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private int heldBytes;
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    /** Every byte written, for assertions. */
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** How many times {@link #write} was called, for assertions. */
    int writes;

    MemoryTransport(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    /** {@return two connected ends} */
    static MemoryTransport[] pair(EventLoop loop) {
        MemoryTransport a = new MemoryTransport(loop, "client");
        MemoryTransport b = new MemoryTransport(loop, "server");
        a.peer = b;
        b.peer = a;
        return new MemoryTransport[]{a, b};
    }

    /** Installs {@code p} and calls its connectionMade (as a real transport does when connected). */
    @SuppressWarnings("unchecked")
    void connect(BaseProtocol<?> p) {
        protocol = p;
        ((BaseProtocol<Transport>) p).connectionMade(this);
    }

    @Override
    public Object getExtraInfo(String key) {
        return switch (key) {
            case "peername" -> "memory:" + peer.name;
            case "sockname" -> "memory:" + name;
            case "socket" -> lost ? null : this;
            default -> null;
        };
    }

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
        flush();
        loop.callSoon(() -> {
            if (peer != null) {
                peer.receive(EOF);
            }
            lose(null);
        });
    }

    @Override
    public void abort() {
        aborted = true;
        closing = true;
        held.clear();
        heldBytes = 0;
        loop.callSoon(() -> {
            if (peer != null) {
                peer.receive(EOF);
            }
            lose(null);
        });
    }

    private void lose(Throwable exc) {
        if (!lost) {
            lost = true;
            protocol.connectionLost(exc);
        }
    }

    /** Simulates a connection failure: connectionLost(exc) on this end. */
    void fail(Throwable exc) {
        closing = true;
        lose(exc);
    }

    boolean isLost() {
        return lost;
    }

    @Override
    public void setProtocol(BaseProtocol<?> p) {
        protocol = p;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public boolean isReading() {
        return reading && !closing;
    }

    @Override
    public void pauseReading() {
        reading = false;
    }

    @Override
    public void resumeReading() {
        if (!reading) {
            reading = true;
            loop.callSoon(this::drainInbox);
        }
    }

    @Override
    public void setWriteBufferLimits(Integer h, Integer l) {
        int hi = h != null ? h : (l != null ? 4 * l : 64 * 1024);
        int lo = l != null ? l : hi / 4;
        if (!(hi >= lo && lo >= 0)) {
            throw new IllegalArgumentException("high (" + hi + ") must be >= low (" + lo + ") must be >= 0");
        }
        high = hi;
        low = lo;
    }

    @Override
    public int getWriteBufferSize() {
        return heldBytes;
    }

    @Override
    public int getWriteBufferLowLimit() {
        return low;
    }

    @Override
    public int getWriteBufferHighLimit() {
        return high;
    }

    @Override
    public void write(ByteBuffer data) {
        if (closing || lost) {
            return;
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        written.writeBytes(bytes);
        writes++;
        if (swallowWrites) {
            return;
        }
        if (holdWrites) {
            held.add(bytes);
            heldBytes += bytes.length;
            if (!writingPaused && heldBytes > high) {
                writingPaused = true;
                protocol.pauseWriting();
            }
            return;
        }
        send(bytes);
    }

    private void send(byte[] bytes) {
        MemoryTransport p = peer;
        loop.callSoon(() -> p.receive(bytes));
    }

    /** Sends what {@link #holdWrites} kept; resumes the protocol's writing. */
    void flush() {
        while (!held.isEmpty()) {
            send(held.poll());
        }
        heldBytes = 0;
        if (writingPaused) {
            writingPaused = false;
            protocol.resumeWriting();
        }
    }

    /** Injects raw bytes as if the peer had sent them. */
    void inject(byte[] bytes) {
        receive(bytes);
    }

    private static final Object EOF = new Object();

    private void receive(Object item) {
        if (lost || protocol == null) {
            return;
        }
        inbox.add(item);
        drainInbox();
    }

    private void drainInbox() {
        while (reading && !lost && !inbox.isEmpty()) {
            Object item = inbox.poll();
            if (item == EOF) {
                boolean keep = protocol instanceof BufferedProtocol b ? b.eofReceived() : ((Protocol) protocol).eofReceived();
                if (!keep) {
                    close();
                }
                continue;
            }
            byte[] bytes = (byte[]) item;
            if (protocol instanceof BufferedProtocol b) {
                int off = 0;
                while (off < bytes.length && !lost) {
                    ByteBuffer buf = b.getBuffer(bytes.length - off);
                    int n = Math.min(buf.remaining(), bytes.length - off);
                    buf.put(bytes, off, n);
                    off += n;
                    b.bufferUpdated(n);
                }
            } else {
                ((Protocol) protocol).dataReceived(ByteBuffer.wrap(bytes));
            }
        }
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + name + "]";
    }
}
