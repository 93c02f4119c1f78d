package io.asyncio4j;

import java.util.function.Consumer;

/**
 * The body of {@link Asyncio#waitFor}: asyncio's {@code wait_for}, which since Python 3.12 is a
 * {@code timeout()} scope around the await (a coroutine runs inline, in the caller's task); a
 * timeout of zero or less wraps it in a task, cancels that at once and waits for it to finish.
 */
final class WaitFor {
    private WaitFor() {
    }

    /** See {@link Asyncio#waitFor(Future, double)}. */
    static <T> T future(Future<T> future, double timeout) {
        if (timeout <= 0) {
            if (future.done()) {
                return future.result();
            }
            cancelAndWait(future);
            try {
                return future.result();
            } catch (CancelledError e) {
                throw new TimeoutError("timed out", e);
            }
        }
        return Asyncio.timeout(timeout, scope -> future.await());
    }

    /** See {@link Asyncio#waitFor(Coroutine, double)}. */
    static <T> T coroutine(Coroutine<T> coro, double timeout) {
        // asyncio 3.12+ awaits the coroutine inside the timeout scope, in the caller's task; only a
        // timeout <= 0 wraps it in a task (to cancel it and wait). Its docstring still says otherwise.
        if (timeout <= 0) {
            return future(Asyncio.getRunningLoop().createTask(coro), timeout);
        }
        return Asyncio.timeout(timeout, scope -> coro.call());
    }

    private static void cancelAndWait(Future<?> future) {
        Task<?> task = Task.currentForAwait();
        Future<Void> waiter = task.getLoop().createFuture();
        Consumer<Future<?>> release = f -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        };
        addCallback(future, release);
        try {
            future.cancel();
            task.awaitFuture(waiter);
        } finally {
            removeCallback(future, release);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addCallback(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).addDoneCallback(cb);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void removeCallback(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).removeDoneCallback(cb);
    }
}
