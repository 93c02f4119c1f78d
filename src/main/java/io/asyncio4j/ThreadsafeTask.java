package io.asyncio4j;

import java.util.concurrent.CompletableFuture;

/**
 * The future {@link Asyncio#runCoroutineThreadsafe} returns: asyncio's
 * {@code concurrent.futures.Future} chained to a task on another thread's loop. Cancelling it
 * cancels the task (on the loop); the task's outcome completes it.
 *
 * @param <T> the result type
 */
final class ThreadsafeTask<T> extends CompletableFuture<T> {
    private final EventLoop loop;
    /** Written and read on the loop's thread only. */
    private Task<T> task;

    private ThreadsafeTask(EventLoop loop) {
        this.loop = loop;
    }

    static <T> ThreadsafeTask<T> submit(Coroutine<T> coro, EventLoop loop) {
        ThreadsafeTask<T> result = new ThreadsafeTask<>(loop);
        loop.callSoonThreadsafe(() -> result.start(coro));
        return result;
    }

    private void start(Coroutine<T> coro) {
        if (isDone()) {
            return;
        }
        try {
            Task<T> t = loop.createTask(coro);
            task = t;
            t.addDoneCallback(f -> {
                if (f.cancelled()) {
                    super.cancel(false);
                } else if (f.exception() != null) {
                    completeExceptionally(f.exception());
                } else {
                    complete(f.result());
                }
            });
        } catch (Throwable e) {
            completeExceptionally(e);
            // asyncio's run_coroutine_threadsafe re-raises in the callback, so the loop's
            // exception handler hears of a broken task factory too.
            throw e;
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && !loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(() -> {
                    if (task != null) {
                        task.cancel();
                    }
                });
            } catch (IllegalStateException closed) {
                // The loop closed: its tasks were cancelled with it.
            }
        }
        return cancelled;
    }
}
