package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.CloseOnce;
import io.asyncio4j.internal.WriteFlowControl;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A UDP transport over a non-blocking {@link DatagramChannel} (asyncio's
 * {@code _SelectorDatagramTransport}). {@link #sendto} sends at once when nothing is queued and
 * the socket takes it; otherwise the datagram is queued and sent when the socket is writable.
 * Receive and send errors go to the protocol's {@code errorReceived}, the transport stays open.
 *
 * <p>States: {@code open -> closing (flushing the queue) -> closed (connectionLost)}.
 */
final class DatagramEndpoint implements DatagramTransport {
    private static final int MAX_DATAGRAM = 65536;
    private static final int READS_PER_WAKEUP = 16;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final SocketAddress remote;
    private DatagramProtocol protocol;
    private final ByteBuffer readBuf = ByteBuffer.allocate(MAX_DATAGRAM);
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int buffered;
    private boolean writing;
    /** asyncio's default marks, 64 KiB and 16 KiB; datagram transports cannot change them. */
    private final WriteFlowControl flow = new WriteFlowControl();
    private final CloseOnce state = new CloseOnce();

    private record Pending(ByteBuffer data, SocketAddress address) {
    }

    DatagramEndpoint(EventLoop loop, DatagramChannel channel, DatagramProtocol protocol, SocketAddress remote) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        this.remote = remote;
    }

    void start() {
        protocol.connectionMade(this);
        if (!state.isClosing()) {
            loop.addReader(channel, this::readReady);
        }
    }

    private void readReady() {
        for (int i = 0; i < READS_PER_WAKEUP && !state.isClosing(); i++) {
            readBuf.clear();
            SocketAddress from;
            try {
                from = channel.receive(readBuf);
            } catch (IOException e) {
                // e.g. PortUnreachableException on a connected socket (ICMP), as asyncio reports it
                protocol.errorReceived(e);
                return;
            }
            if (from == null) {
                return;
            }
            readBuf.flip();
            ByteBuffer copy = ByteBuffer.allocate(readBuf.remaining());
            copy.put(readBuf).flip();
            protocol.datagramReceived(copy, from);
        }
    }

    @Override
    public void sendto(ByteBuffer data, SocketAddress address) {
        Objects.requireNonNull(data, "data");
        if (address != null && remote != null && !address.equals(remote)) {
            throw new IllegalArgumentException("Invalid address: must be null or " + remote);
        }
        if (address == null && remote == null) {
            throw new IllegalArgumentException("no address given and the endpoint is not connected");
        }
        if (address instanceof InetSocketAddress isa && isa.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + isa + ": resolve it first (loop.getaddrinfo)");
        }
        if (state.isClosing()) {
            // asyncio drops datagrams sent after close and only logs; a clear error is better.
            throw new IllegalStateException("sendto on a closing datagram transport");
        }
        if (queue.isEmpty()) {
            try {
                int n = remote != null ? channel.write(data.duplicate()) : channel.send(data.duplicate(), address);
                if (n > 0 || !data.hasRemaining()) {
                    return;
                }
            } catch (IOException e) {
                protocol.errorReceived(e);
                return;
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        queue.add(new Pending(copy, address));
        buffered += copy.remaining();
        if (!writing) {
            writing = true;
            loop.addWriter(channel, this::writeReady);
        }
        if (flow.shouldPause(buffered)) {
            protocol.pauseWriting();
        }
    }

    private void writeReady() {
        while (!queue.isEmpty()) {
            Pending p = queue.peek();
            int size = p.data().remaining();
            try {
                int n = remote != null ? channel.write(p.data()) : channel.send(p.data(), p.address());
                if (n == 0 && size > 0) {
                    return; // the socket is full again; wait for the next writable event
                }
            } catch (IOException e) {
                protocol.errorReceived(e);
            }
            queue.poll();
            buffered -= size;
        }
        writing = false;
        loop.removeWriter(channel);
        if (flow.shouldResume(buffered)) {
            protocol.resumeWriting();
        }
        if (state.isClosing()) {
            loop.callSoon(this::finishClose);
        }
    }

    @Override
    public int getWriteBufferSize() {
        return buffered;
    }

    @Override
    public void abort() {
        queue.clear();
        buffered = 0;
        beginClose();
        loop.callSoon(this::finishClose);
    }

    @Override
    public Object getExtraInfo(String name) {
        try {
            return switch (name) {
                case "sockname" -> channel.getLocalAddress();
                case "peername" -> remote;
                case "socket" -> channel;
                default -> null;
            };
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public boolean isClosing() {
        return state.isClosing();
    }

    /** Stops receiving, sends what is queued, then closes: asyncio's {@code close()}. */
    @Override
    public void close() {
        if (state.isClosing()) {
            return;
        }
        beginClose();
        if (queue.isEmpty()) {
            loop.callSoon(this::finishClose);
        }
    }

    private void beginClose() {
        state.beginClosing();
        loop.removeReader(channel);
    }

    private void finishClose() {
        if (!state.markLost()) {
            return;
        }
        if (writing) {
            writing = false;
            loop.removeWriter(channel);
        }
        try {
            protocol.connectionLost(null);
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to tell the protocol
            }
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> p) {
        protocol = (DatagramProtocol) p;
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        return "DatagramEndpoint " + getExtraInfo("sockname") + (remote != null ? " -> " + remote : "")
                + (state.isClosing() ? " closing" : "");
    }
}
