package io.asyncio4j.internal.loop;

import io.asyncio4j.Context;
import io.asyncio4j.Future;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code run_in_executor} and the loop's default executor: work runs on another thread and its
 * outcome is handed back to the loop with {@code callSoonThreadsafe}. Also counts work in flight,
 * so a virtual clock does not jump past it.
 */
final class ExecutorBridge {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final LoopServices loop;
    private final AtomicInteger pending = new AtomicInteger();
    private ExecutorService defaultExecutor;
    private boolean shutdownCalled;

    ExecutorBridge(LoopServices loop) {
        this.loop = loop;
    }

    int pending() {
        return pending.get();
    }

    /**
     * Work left its thread. A virtual-time loop does not jump the clock while work is pending, so
     * it may be blocked waiting for it: the last one out nudges it to look again (after the
     * result was queued, so the loop never sees "no work" before it has the result).
     */
    private void finished() {
        if (pending.decrementAndGet() == 0) {
            loop.nudgeFromAnyThread();
        }
    }

    void setDefault(ExecutorService executor) {
        defaultExecutor = executor;
    }

    <T> Future<T> submit(Executor executor, Callable<T> fn) {
        Executor ex = executor != null ? executor : defaultExecutor();
        Future<T> future = loop.createFuture();
        AtomicInteger state = new AtomicInteger(QUEUED);
        future.addDoneCallback(f -> {
            if (f.cancelled()) {
                state.compareAndSet(QUEUED, CANCELLED);
            }
        });
        pending.incrementAndGet();
        try {
            ex.execute(() -> run(fn, future, state));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            throw e;
        }
        return future;
    }

    private <T> void run(Callable<T> fn, Future<T> future, AtomicInteger state) {
        try {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            T value;
            try {
                value = fn.call();
            } catch (Throwable e) {
                deliver(() -> {
                    if (!future.done()) {
                        future.setException(e);
                    }
                });
                return;
            }
            deliver(() -> {
                if (!future.done()) {
                    future.setResult(value);
                }
            });
        } finally {
            finished();
        }
    }

    private void deliver(Runnable r) {
        try {
            loop.callSoonThreadsafe(r, new Context());
        } catch (IllegalStateException closed) {
            // The loop closed while the work ran: nobody is waiting any more.
        }
    }

    private ExecutorService defaultExecutor() {
        if (shutdownCalled) {
            throw new IllegalStateException("Executor shutdown has been called");
        }
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS,
                    new LinkedTransferQueue<>(), daemonThreads()); // offer never waits for a worker's lock
            pool.allowCoreThreadTimeOut(true);
            ex = pool;
            defaultExecutor = ex;
        }
        return ex;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "asyncio4j-executor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    Future<Void> shutdownDefault() {
        shutdownCalled = true;
        Future<Void> done = loop.createFuture();
        ExecutorService ex = defaultExecutor;
        if (ex == null) {
            done.setResult(null);
            return done;
        }
        ex.shutdown();
        pending.incrementAndGet();
        Thread waiter = new Thread(() -> {
            try {
                while (!ex.awaitTermination(1, TimeUnit.SECONDS)) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                deliver(() -> {
                    if (!done.done()) {
                        done.setResult(null);
                    }
                });
                finished();
            }
        }, "asyncio4j-executor-shutdown");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    void shutdownOnClose() {
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        shutdownCalled = true;
        if (ex != null) {
            ex.shutdown();
        }
    }
}
