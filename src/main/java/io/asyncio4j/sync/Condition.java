package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: asyncio's {@code asyncio.Condition}.
 *
 * <p>A condition couples a {@link Lock} (its own, or one given to the constructor) with a FIFO
 * queue of waiting tasks. A task holding the lock calls {@link #await()}, which releases the
 * lock, suspends until another task notifies it, and takes the lock back before returning.
 *
 * {@snippet :
 * Condition cond = new Condition();
 * try (var held = cond.acquireScope()) {          // async with cond:
 *     cond.waitFor(() -> !items.isEmpty());       //     await cond.wait_for(lambda: items)
 *     take(items);
 * }
 * // elsewhere
 * try (var held = cond.acquireScope()) {
 *     items.add(x);
 *     cond.notifyOne();                           //     cond.notify()
 * }
 * }
 *
 * <p>Cancellation is safe: a waiter cancelled while waiting, or while taking the lock back,
 * always holds the lock again when its {@link CancelledError} propagates (so a surrounding
 * {@code acquireScope()} releases it correctly), and a waiter that was notified but fails to
 * return passes the notification on to the next waiter (a permitted spurious wake-up) rather
 * than losing it.
 *
 * <p><b>Threading.</b> Use it from the tasks and callbacks of one loop (see the package
 * documentation).
 *
 * <p><b>Differences from asyncio.</b> {@code Object.wait()}, {@code notify()} and
 * {@code notifyAll()} are final in Java, so {@code wait()} is {@link #await()},
 * {@code notify()} is {@link #notifyOne()} (or {@link #notify(int) notify(1)}) and
 * {@code notify_all()} is {@link #notifyAllWaiters()}. The inherited {@code notify()},
 * {@code notifyAll()} and {@code wait()} cannot be hidden (they are final in {@link Object}), so
 * they compile; they are loud instead: a condition never holds its own monitor (do not
 * {@code synchronized} on it), so each of them throws {@link IllegalMonitorStateException} and
 * wakes no task. {@link #waitFor} takes a {@link BooleanSupplier} (Java has no truthiness). Errors
 * Python reports as {@code RuntimeError} are {@link IllegalStateException}s.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** Creates a condition with a new {@link Lock} of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition on an existing lock, which other code may also take directly.
     *
     * @param lock the underlying lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** {@return the underlying lock} */
    public Lock lock() {
        return lock;
    }

    /** {@return whether the underlying lock is held} asyncio's {@code locked()}. */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Takes the underlying lock: asyncio's {@code acquire()}. See {@link Lock#acquire()}.
     *
     * @return {@code true}
     */
    public boolean acquire() {
        return lock.acquire();
    }

    /**
     * Acquires the underlying lock and returns a scope that releases it: asyncio's
     * {@code async with cond:}.
     *
     * @return the scope
     */
    public Acquired acquireScope() {
        return lock.acquireScope();
    }

    /** Releases the underlying lock: asyncio's {@code release()}. See {@link Lock#release()}. */
    public void release() {
        lock.release();
    }

    /**
     * Releases the lock, suspends until notified, then takes the lock back: asyncio's
     * {@code Condition.wait()}. The caller must hold the lock. Like any condition variable it may
     * return spuriously, so re-check the state (or use {@link #waitFor}).
     *
     * @return {@code true}
     * @throws IllegalStateException if the lock is not held, or the condition is used from
     *         another loop or thread
     * @throws CancelledError if the task is cancelled; the lock is held again when it propagates
     */
    public boolean await() {
        checkLoop();
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Future<Boolean> fut = enqueueWaiter(waiters, "await");
        lock.release();
        try {
            try {
                awaitQueued(waiters, fut);
                return true;
            } finally {
                // Take the lock back even when cancelled, or the caller's release would fail.
                // Only CancelledError is retried: anything else must not make us spin.
                CancelledError err = null;
                while (true) {
                    try {
                        lock.acquire();
                        break;
                    } catch (CancelledError e) {
                        err = e;
                    }
                }
                if (err != null) {
                    throw err;
                }
            }
        } catch (Throwable e) {
            // We may have been notified and now fail to return: hand the notification to another
            // waiter instead of losing it (a spurious wake-up is allowed, a lost one is not).
            wakeUp(1);
            throw e;
        }
    }

    /**
     * Waits until {@code predicate} is true: asyncio's {@code wait_for(predicate)}. The predicate
     * is evaluated first (without waiting when it already holds), then after each wake-up, with
     * the lock held.
     *
     * @param predicate the condition to wait for
     * @return {@code true}, the predicate's final value
     * @throws IllegalStateException if it has to wait and the lock is not held
     * @throws CancelledError if the task is cancelled; the lock is held again when it propagates
     */
    public boolean waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return true;
    }

    /**
     * Wakes up to {@code n} waiting tasks, in FIFO order: asyncio's {@code notify(n)}. A woken
     * task returns from {@link #await()} only once it can take the lock, which the caller still
     * holds.
     *
     * @param n how many waiters to wake
     * @throws IllegalStateException if the lock is not held
     */
    public void notify(int n) {
        checkLoop();
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wakeUp(n);
    }

    /**
     * Wakes the first waiting task: asyncio's {@code notify()}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyOne() {
        notify(1);
    }

    /**
     * Wakes every waiting task: asyncio's {@code notify_all()}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyAllWaiters() {
        notify(waiters.size());
    }

    /** asyncio's {@code _notify}: skips waiters already woken or cancelled. */
    private void wakeUp(int n) {
        int idx = 0;
        for (Future<Boolean> fut : waiters) {
            if (idx >= n) {
                break;
            }
            if (!fut.done()) {
                idx++;
                fut.setResult(Boolean.FALSE);
            }
        }
    }

    /** {@return the queued waiters, for tests} */
    ArrayDeque<Future<Boolean>> waiters() {
        return waiters;
    }

    /** {@return e.g. {@code <Condition object at 0x1b6d3586 [locked, waiters:1]>}, as asyncio's repr} */
    @Override
    public String toString() {
        String extra = lock.locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + describe() + " [" + extra + "]>";
    }
}
