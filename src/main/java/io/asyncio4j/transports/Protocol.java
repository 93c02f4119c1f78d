package io.asyncio4j.transports;

import java.nio.ByteBuffer;

/**
 * A stream protocol: asyncio's {@code asyncio.Protocol}.
 *
 * <p>Call order: {@code connectionMade -> dataReceived* -> eofReceived? -> connectionLost}.
 */
public interface Protocol extends BaseProtocol<Transport> {
    /**
     * Data arrived.
     *
     * <p><b>Differences from asyncio.</b> The buffer is the transport's reusable read buffer,
     * valid only during the call: copy what you keep.
     *
     * @param data the bytes (position to limit)
     */
    default void dataReceived(ByteBuffer data) {
    }

    /**
     * The peer closed its sending half.
     *
     * @return {@code true} to keep the connection half-open (the protocol closes it later);
     *         {@code false} to let the transport close
     */
    default boolean eofReceived() {
        return false;
    }
}
