package io.asyncio4j.internal.proc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts and counts the pipe pump threads, so tests can prove none is left behind after a child
 * exits.
 *
 * <p>They are small platform daemon threads, not virtual threads, for two reasons: a blocking
 * read of a pipe ({@code FileInputStream}) pins a virtual thread to its carrier anyway, so it
 * saves nothing; and a virtual thread started from a task inherits the task's scheduler — in fast
 * strand mode that is the event loop itself, whose thread the blocked read would then freeze.
 */
public final class PipeThreads {
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final long STACK = 256 * 1024;

    private PipeThreads() {
    }

    /** {@return how many pipe pump threads are running now} */
    public static int live() {
        return LIVE.get();
    }

    /** Starts a counted pump thread. */
    static void start(String name, Runnable body) {
        LIVE.incrementAndGet();
        try {
            Thread.ofPlatform().name(name).daemon(true).stackSize(STACK).start(() -> {
                try {
                    body.run();
                } finally {
                    LIVE.decrementAndGet();
                }
            });
        } catch (RuntimeException | Error e) {
            LIVE.decrementAndGet();
            throw e;
        }
    }
}
