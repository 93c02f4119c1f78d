package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;

/** UDP endpoints (asyncio's {@code create_datagram_endpoint}); the transport is {@link DatagramEndpoint}. */
public final class DatagramSupport {
    private DatagramSupport() {
    }

    /**
     * Opens a UDP socket bound to {@code options.localAddress()} and/or connected to
     * {@code options.remoteAddress()}: the body of {@code loop.createDatagramEndpoint}. Suspends
     * the current task only to look up host names.
     *
     * @param loop the loop
     * @param factory makes the protocol
     * @param options addresses and socket options
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException if neither address is given
     */
    public static <P extends DatagramProtocol> Connection<DatagramTransport, P> createDatagramEndpoint(
            EventLoop loop, Supplier<P> factory, DatagramOptions options) {
        SocketAddress local = resolve(loop, options.localAddress());
        SocketAddress remote = resolve(loop, options.remoteAddress());
        if (local == null && remote == null) {
            throw new IllegalArgumentException("a datagram endpoint needs a local or a remote address");
        }
        InetSocketAddress any = (InetSocketAddress) (remote != null ? remote : local);
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(Resolver.family(any));
            ch.configureBlocking(false);
            if (options.reusePort()) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (options.allowBroadcast()) {
                ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            if (local != null) {
                ch.bind(local);
            }
            if (remote != null) {
                ch.connect(remote);
            }
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw Sneaky.rethrow(e);
        }
        P protocol = factory.get();
        DatagramEndpoint t = new DatagramEndpoint(loop, ch, protocol, remote);
        t.start();
        return new Connection<>(t, protocol);
    }

    private static SocketAddress resolve(EventLoop loop, SocketAddress a) {
        if (a == null) {
            return null;
        }
        if (!(a instanceof InetSocketAddress isa)) {
            throw new IllegalArgumentException("UDP needs an InetSocketAddress, not " + a);
        }
        return Resolver.resolve(loop, isa).get(0);
    }
}
