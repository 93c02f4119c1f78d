package io.asyncio4j;

import io.asyncio4j.internal.Delays;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The iterator behind {@link Asyncio#asCompleted}: asyncio's {@code _AsCompletedIterator}.
 * {@link Iterator#next()} suspends the current task until the next future is done and returns
 * it (done, so {@code await()} on it returns at once). With a timeout, {@code next()} throws
 * {@link TimeoutError} for every future not done by the deadline.
 *
 * @param <T> the futures' result type
 */
final class AsCompleted<T> implements Iterable<Future<T>>, Iterator<Future<T>> {
    private final EventLoop loop;
    private final Set<Future<T>> todo;
    private final ArrayDeque<Future<T>> finished = new ArrayDeque<>();
    private final Consumer<Future<T>> onCompletion = this::handleCompletion;
    private int left;
    private boolean timedOut;
    private Handle timeoutHandle;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();

    AsCompleted(EventLoop loop, Collection<? extends Future<T>> futures, double timeout) {
        this.loop = loop;
        this.todo = new LinkedHashSet<>(futures);
        for (Future<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && !Delays.isUnlimited(timeout)) {
            timeoutHandle = loop.callLater(timeout, this::handleTimeout);
        }
        this.left = todo.size();
    }

    @Override
    public Iterator<Future<T>> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        return left > 0;
    }

    @Override
    public Future<T> next() {
        if (left == 0) {
            throw new NoSuchElementException("every future was already returned");
        }
        left--;
        return waitForOne();
    }

    /**
     * Hands out, without suspending, one placeholder per future: asyncio's plain-iterator form
     * of {@code as_completed}. Whichever placeholder is called first gets the first result.
     */
    List<Coroutine<T>> placeholders() {
        List<Coroutine<T>> all = new ArrayList<>(left);
        while (left > 0) {
            left--;
            all.add(() -> waitForOne().result());
        }
        return List.copyOf(all);
    }

    private Future<T> waitForOne() {
        while (finished.isEmpty() && !timedOut) {
            Future<Void> waiter = loop.createFuture();
            waiters.add(waiter);
            try {
                waiter.await();
            } finally {
                waiters.remove(waiter);
            }
        }
        if (finished.isEmpty()) {
            throw new TimeoutError("as_completed timed out before this future was done");
        }
        return finished.poll();
    }

    private void handleTimeout() {
        for (Future<T> f : todo) {
            f.removeDoneCallback(onCompletion);
        }
        todo.clear();
        timedOut = true;
        release();
    }

    private void handleCompletion(Future<T> f) {
        if (todo.isEmpty()) {
            return;
        }
        todo.remove(f);
        finished.add(f);
        if (todo.isEmpty() && timeoutHandle != null) {
            timeoutHandle.cancel();
        }
        release();
    }

    private void release() {
        // One waiter per finished future, oldest first: asyncio's Queue.get order.
        Future<Void> w;
        while ((w = waiters.poll()) != null) {
            if (!w.done()) {
                w.setResult(null);
                if (!timedOut) {
                    return;
                }
            }
        }
    }
}
