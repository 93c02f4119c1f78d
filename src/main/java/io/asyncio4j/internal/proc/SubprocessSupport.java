package io.asyncio4j.internal.proc;

import io.asyncio4j.EventLoop;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;

import java.util.List;
import java.util.function.Supplier;

/** Child processes with pipes (asyncio's {@code base_subprocess}); see {@link ChildProcessTransport}. */
public final class SubprocessSupport {
    private SubprocessSupport() {
    }

    /**
     * Starts a child with a low-level protocol: the body of {@code loop.subprocessExec}.
     *
     * @param loop the loop
     * @param factory makes the protocol
     * @param args the program and its arguments
     * @param options redirections, cwd, environment
     * @param <P> the protocol type
     * @return the transport and protocol
     */
    public static <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessExec(
            EventLoop loop, Supplier<P> factory, List<String> args, SubprocessOptions options) {
        P protocol = factory.get();
        return new Connection<>(ChildProcessTransport.spawn(loop, protocol, List.copyOf(args), options), protocol);
    }
}
