package io.asyncio4j.subprocess;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.SubprocessTransport;

import java.util.List;

/**
 * asyncio's {@code create_subprocess_exec} and {@code create_subprocess_shell}, also reachable
 * from {@link Asyncio}. Call them from a task on the running loop.
 */
public final class Subprocesses {
    private Subprocesses() {
    }

    /**
     * Starts {@code args} (program first) as a child process: asyncio's
     * {@code create_subprocess_exec(program, *args, stdin=, stdout=, stderr=, limit=)}.
     *
     * @param args the program and its arguments
     * @param options where stdin/stdout/stderr go, cwd, environment, reader limit
     * @return the process
     * @throws java.io.UncheckedIOException if the program cannot be started
     * @throws IllegalArgumentException for an invalid redirection
     */
    public static Subprocess createSubprocessExec(List<String> args, SubprocessOptions options) {
        if (options.limit() <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        EventLoop loop = Asyncio.getRunningLoop();
        SubprocessStreamProtocol protocol = new SubprocessStreamProtocol(options.limit(), loop);
        Connection<SubprocessTransport, SubprocessStreamProtocol> c = loop.subprocessExec(() -> protocol, args, options);
        return new Subprocess(c.transport(), protocol, loop);
    }

    /**
     * Runs {@code command} with {@code /bin/sh -c}: asyncio's {@code create_subprocess_shell}.
     *
     * @param command the shell command line
     * @param options where stdin/stdout/stderr go, cwd, environment, reader limit
     * @return the process
     */
    public static Subprocess createSubprocessShell(String command, SubprocessOptions options) {
        return createSubprocessExec(List.of("/bin/sh", "-c", command), options);
    }
}
