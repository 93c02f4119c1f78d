package io.asyncio4j.transports;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A datagram protocol: asyncio's {@code asyncio.DatagramProtocol}. */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {
    /**
     * A datagram arrived.
     *
     * @param data its payload (a fresh buffer the protocol may keep)
     * @param address the sender
     */
    default void datagramReceived(ByteBuffer data, SocketAddress address) {
    }

    /**
     * A send or receive failed (e.g. ICMP port unreachable on a connected socket).
     *
     * @param exc the error
     */
    default void errorReceived(Throwable exc) {
    }
}
