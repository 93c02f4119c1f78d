package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.testing.VirtualTimeLoop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/** Test support: an event loop running on a platform thread of its own, so tests can subscribe from outside it. */
final class LoopThread implements AutoCloseable {
    final EventLoop loop;
    final Thread thread;
    private final AtomicReference<Throwable> handlerError = new AtomicReference<>();

    private LoopThread(EventLoop loop) {
        this.loop = loop;
        loop.setExceptionHandler((l, ctx) -> handlerError.compareAndSet(null, (Throwable) ctx.getOrDefault("exception",
                new AssertionError(String.valueOf(ctx.get("message"))))));
        this.thread = new Thread(loop::runForever, "test-loop");
        thread.setDaemon(true);
    }

    /** A real-time loop, for cross-thread tests. */
    static LoopThread start() {
        return start(Asyncio.newEventLoop());
    }

    /** A virtual-time loop (autojump), for tests that sleep. */
    static LoopThread virtual() {
        return start(VirtualTimeLoop.create());
    }

    static LoopThread start(EventLoop loop) {
        LoopThread t = new LoopThread(loop);
        t.thread.start();
        // Until it runs, the loop belongs to the thread that made it: wait so tests never race it.
        t.call(() -> null);
        return t;
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
     * In portable strand mode the loop itself runs on a thread other than {@link #thread}.
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
        if (!loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(loop::stop);
            } catch (IllegalStateException closed) {
                return;
            }
            joinQuietly();
            loop.close();
        }
        if (handlerError.get() != null) {
            throw new AssertionError("the loop's exception handler was called", handlerError.get());
        }
    }

    private void joinQuietly() {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the loop", e);
        }
    }
}
