package io.asyncio4j;

import io.asyncio4j.internal.Delays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The body of {@link Asyncio#wait(Collection, double, ReturnWhen)}: asyncio's {@code wait} and
 * {@code _wait}. One waiter future is completed when the condition holds or the timeout fires;
 * nothing is cancelled.
 */
final class Wait {
    private Wait() {
    }

    /** See {@link Asyncio#wait(Collection, double, ReturnWhen)}. */
    static <T> Done<T> forFutures(Collection<? extends Future<T>> futures, double timeout, ReturnWhen returnWhen) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Objects.requireNonNull(returnWhen, "returnWhen");
        Task<?> task = Task.currentForAwait();
        EventLoop loop = task.getLoop();
        Set<Future<T>> fs = new LinkedHashSet<>(futures);
        Future<Void> waiter = loop.createFuture();
        Handle timeoutHandle = Delays.isUnlimited(timeout) ? null : loop.callLater(timeout, () -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        });
        int[] counter = {fs.size()};
        Consumer<Future<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timeoutHandle != null) {
                    timeoutHandle.cancel();
                }
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<T> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            task.awaitFuture(waiter);
        } finally {
            if (timeoutHandle != null) {
                timeoutHandle.cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new Done<>(done, pending);
    }
}
