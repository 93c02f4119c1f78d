package io.asyncio4j.transports;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A datagram (UDP) transport: asyncio's {@code asyncio.DatagramTransport}. */
public interface DatagramTransport extends BaseTransport {
    /**
     * Sends one datagram.
     *
     * @param data the payload (its remaining bytes)
     * @param address where to, or {@code null} for the connected remote address
     */
    void sendto(ByteBuffer data, SocketAddress address);

    /**
     * Sends one datagram to the connected remote address.
     *
     * @param data the payload
     */
    default void sendto(ByteBuffer data) {
        sendto(data, null);
    }

    /** {@return the bytes buffered, not yet sent} */
    int getWriteBufferSize();

    /** Closes at once, dropping buffered datagrams. */
    void abort();
}
