package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopThread;
import io.asyncio4j.Future;
import io.asyncio4j.testing.VirtualTimeLoop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Test support: an {@link EventLoopThread} whose loop reports any call of its exception handler as
 * a test failure on close, with helpers to run things on the loop from the test thread.
 */
final class LoopThread implements AutoCloseable {
    final EventLoop loop;
    private final EventLoopThread thread;
    private final AtomicReference<Throwable> handlerError;

    private LoopThread(EventLoopThread thread, AtomicReference<Throwable> handlerError) {
        this.thread = thread;
        this.loop = thread.loop();
        this.handlerError = handlerError;
    }

    /** A real-time loop, for cross-thread tests. */
    static LoopThread start() {
        return start(Asyncio::newEventLoop);
    }

    /** A virtual-time loop (autojump), for tests that sleep. */
    static LoopThread virtual() {
        return start(() -> VirtualTimeLoop.create());
    }

    /** A loop from {@code loopFactory}, made on the loop's own thread; running when this returns. */
    static LoopThread start(Supplier<EventLoop> loopFactory) {
        AtomicReference<Throwable> handlerError = new AtomicReference<>();
        EventLoopThread thread = EventLoopThread.start("test-loop", () -> {
            EventLoop loop = loopFactory.get();
            loop.setExceptionHandler((l, ctx) -> handlerError.compareAndSet(null, (Throwable) ctx.getOrDefault("exception",
                    new AssertionError(String.valueOf(ctx.get("message"))))));
            return loop;
        });
        return new LoopThread(thread, handlerError);
    }

    /** Runs {@code fn} on the loop and waits for its result. */
    <T> T call(java.util.concurrent.Callable<T> fn) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                cf.complete(fn.call());
            } catch (Throwable e) {
                cf.completeExceptionally(e);
            }
        });
        return cf.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /** Creates a pending future on the loop. */
    <T> Future<T> future() {
        return call(loop::createFuture);
    }

    /** Starts a task on the loop. */
    <T> io.asyncio4j.Task<T> task(Coroutine<T> coro) {
        return call(() -> loop.createTask(coro));
    }

    /** Runs {@code coro} as a task and waits for its outcome (safety timeout only). */
    <T> T run(Coroutine<T> coro) {
        return Asyncio.runCoroutineThreadsafe(coro, loop).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }

    /**
     * {@return whether the caller runs on this loop (its thread, or one of its tasks' strands)}
     * In portable strand mode the loop itself runs on a virtual thread, not the platform thread.
     */
    boolean onLoop() {
        try {
            return Asyncio.getRunningLoop() == loop;
        } catch (IllegalStateException none) {
            return false;
        }
    }

    /**
     * Lets the loop take what was sent to it a few steps further (no wall-clock wait): returns
     * after five more loop iterations, so work posted before it, such as a task started from this
     * thread (created in one iteration, first step in the next), has reached its first await.
     */
    void settle() {
        run(() -> {
            for (int i = 0; i < 5; i++) {
                Asyncio.sleep(0);
            }
            return null;
        });
    }

    /** {@return the first error the loop's exception handler saw, or null} */
    Throwable handlerError() {
        return handlerError.get();
    }

    static Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void close() {
        thread.close();
        if (handlerError.get() != null) {
            throw new AssertionError("the loop's exception handler was called", handlerError.get());
        }
    }
}
