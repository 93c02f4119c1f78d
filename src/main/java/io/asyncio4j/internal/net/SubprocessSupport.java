package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.SubprocessTransport;

import java.util.List;
import java.util.function.Supplier;

/** Child processes with pipes (asyncio's {@code base_subprocess}). STUB: issue 3. */
public final class SubprocessSupport {
    private SubprocessSupport() {
    }

    public static <P extends SubprocessProtocol> Connection<SubprocessTransport, P> subprocessExec(
            EventLoop loop, Supplier<P> factory, List<String> args, SubprocessOptions options) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }
}
