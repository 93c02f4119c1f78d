package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopThread;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A real-time loop on a thread of its own for the TCK classes (TestNG has no JUnit extensions). */
final class TckLoop implements AutoCloseable {
    private final EventLoopThread thread = EventLoopThread.start("tck-loop", Asyncio::newEventLoop);
    final EventLoop loop = thread.loop();

    <T> io.asyncio4j.Task<T> task(io.asyncio4j.Coroutine<T> coro) {
        return call(() -> loop.createTask(coro));
    }

    /** Runs {@code fn} on the loop (where loop-bound objects must be made) and returns its result. */
    <T> T call(java.util.function.Supplier<T> fn) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> cf.complete(fn.get()));
        return cf.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        thread.close();
    }
}
