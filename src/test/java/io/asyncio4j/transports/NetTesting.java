package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.loop.BaseLoop;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs network tests on a real loop over loopback, with a generous timeout as a safety net only,
 * and fails a test whose loop exception handler fired unexpectedly.
 */
final class NetTesting {
    /** Safety net: a test that works finishes in milliseconds. */
    static final double TIMEOUT = 30.0;

    private NetTesting() {
    }

    /** Runs {@code body} in a task on a fresh real loop; fails if the exception handler is called. */
    static <T> T run(Coroutine<T> body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        T result = runCollecting(errors, body);
        if (!errors.isEmpty()) {
            fail("unexpected loop errors: " + errors);
        }
        return result;
    }

    /** Runs {@code body}, collecting what the loop's exception handler receives into {@code errors}. */
    static <T> T runCollecting(List<Map<String, Object>> errors, Coroutine<T> body) {
        return Asyncio.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, ctx) -> errors.add(ctx));
            return Asyncio.timeout(TIMEOUT, body);
        });
    }

    /** {@return the port the server's first socket listens on} */
    static int port(Server server) {
        try {
            return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@return the address of a listening socket} */
    static InetSocketAddress address(ServerSocketChannel s) {
        try {
            return (InetSocketAddress) s.getLocalAddress();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts that the loop holds no reader, writer or selector key. */
    static void assertNoIoLeft(EventLoop loop) {
        Asyncio.sleep(0);
        Asyncio.sleep(0);
        BaseLoop base = (BaseLoop) loop;
        assertEquals(0, base.ioRegistrations(), "readers/writers left registered");
        assertEquals(0, base.selectorKeys(), "selection keys left");
    }
}
