package io.asyncio4j.transports;

import java.nio.ByteBuffer;

/** The protocol of a child process: asyncio's {@code asyncio.SubprocessProtocol}. */
public interface SubprocessProtocol extends BaseProtocol<SubprocessTransport> {
    /**
     * The child wrote to stdout (1) or stderr (2).
     *
     * @param fd the pipe
     * @param data the bytes (a fresh buffer)
     */
    default void pipeDataReceived(int fd, ByteBuffer data) {
    }

    /**
     * One of the child's pipes closed.
     *
     * @param fd the pipe
     * @param exc the error, or {@code null}
     */
    default void pipeConnectionLost(int fd, Throwable exc) {
    }

    /** The child exited. */
    default void processExited() {
    }
}
