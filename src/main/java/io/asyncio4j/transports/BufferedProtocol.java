package io.asyncio4j.transports;

import java.nio.ByteBuffer;

/**
 * A stream protocol that owns its receive buffer, so data is read straight into it:
 * asyncio's {@code asyncio.BufferedProtocol}.
 */
public interface BufferedProtocol extends BaseProtocol<Transport> {
    /**
     * {@return a buffer to read into (its remaining space is filled)}
     *
     * @param sizeHint the recommended minimum size, or -1
     */
    ByteBuffer getBuffer(int sizeHint);

    /**
     * {@code nbytes} were written into the buffer returned by {@link #getBuffer}.
     *
     * @param nbytes how many
     */
    void bufferUpdated(int nbytes);

    /**
     * The peer closed its sending half.
     *
     * @return {@code true} to keep the connection half-open
     */
    default boolean eofReceived() {
        return false;
    }
}
