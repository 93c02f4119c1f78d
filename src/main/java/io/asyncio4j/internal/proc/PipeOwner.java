package io.asyncio4j.internal.proc;

import io.asyncio4j.transports.BaseProtocol;

import java.nio.ByteBuffer;

/**
 * What a {@link PipeReader} or {@link PipeWriter} reports to, on the loop thread: the subprocess
 * transport that owns the child's pipes, or a standalone pipe transport of
 * {@code loop.connectReadPipe}/{@code connectWritePipe}.
 */
interface PipeOwner {
    /** A chunk read from pipe {@code fd}. */
    void pipeData(int fd, ByteBuffer data);

    /** Pipe {@code fd} reached end of file; by default the same as losing it cleanly. */
    default void pipeEof(int fd) {
        pipeLost(fd, null);
    }

    /** Pipe {@code fd} is closed, cleanly ({@code exc} null) or by an error. */
    void pipeLost(int fd, Throwable exc);

    /** The writer's buffer went over its high-water mark. */
    void writerPauseWriting();

    /** The writer's buffer drained to its low-water mark. */
    void writerResumeWriting();

    /** {@return the protocol the pipe reports to} */
    BaseProtocol<?> getProtocol();
}
