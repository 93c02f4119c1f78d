package io.asyncio4j.transports;

/** The transport of a child process: asyncio's {@code asyncio.SubprocessTransport}. */
public interface SubprocessTransport extends BaseTransport {
    /** {@return the child's process id} */
    long getPid();

    /** {@return the exit code, or {@code null} while the child runs} */
    Integer getReturncode();

    /**
     * {@return the transport of one of the child's pipes (0 stdin, 1 stdout, 2 stderr), or null}
     *
     * @param fd the pipe number
     */
    BaseTransport getPipeTransport(int fd);

    /**
     * Sends a signal to the child.
     *
     * @param signal the signal's name ("TERM", "KILL", "INT", ...) or number as text
     */
    void sendSignal(String signal);

    /** Sends SIGTERM. */
    void terminate();

    /** Sends SIGKILL. */
    void kill();
}
