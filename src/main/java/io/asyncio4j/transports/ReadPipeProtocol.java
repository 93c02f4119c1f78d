package io.asyncio4j.transports;

import java.nio.ByteBuffer;

/**
 * The protocol of a read pipe from {@code EventLoop.connectReadPipe}: asyncio's
 * {@code Protocol} as used by {@code loop.connect_read_pipe}, whose transport is a
 * {@link ReadTransport} only.
 */
public interface ReadPipeProtocol extends BaseProtocol<ReadTransport> {
    /**
     * Called with each chunk read from the pipe: asyncio's {@code Protocol.data_received}.
     *
     * @param data the bytes read; the protocol may keep the buffer
     */
    default void dataReceived(ByteBuffer data) {
    }

    /**
     * Called once when the writing end is closed, just before {@code connectionLost(null)}:
     * asyncio's {@code Protocol.eof_received}. A pipe cannot stay half open, so the return value
     * is ignored, as asyncio's pipe transport ignores it.
     *
     * @return ignored for pipes
     */
    default boolean eofReceived() {
        return false;
    }
}
