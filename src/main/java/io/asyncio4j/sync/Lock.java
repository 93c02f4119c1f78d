package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks: asyncio's {@code asyncio.Lock}.
 *
 * <p>The lock is not owned by a task: any task may release it. {@link #acquire()} takes it at
 * once when it is free and nobody is queued; otherwise the task suspends in a FIFO queue, and
 * each {@link #release()} lets exactly the first queued task proceed. A queued task that is
 * cancelled leaves the queue; if it had already been chosen to take the lock, it passes the
 * wake-up on to the next task, so no wake-up is lost (asyncio's fairness fix, bpo-45997).
 *
 * <p>Python's {@code async with lock:} is {@code try (var held = lock.acquireScope()) { ... }}:
 * {@snippet :
 * Lock lock = new Lock();
 * try (var held = lock.acquireScope()) {
 *     // only one task at a time runs here
 * }
 * }
 *
 * <p><b>Threading.</b> Use it from the tasks and callbacks of one loop (see the package
 * documentation): as in asyncio it binds to a loop only when a task first has to wait for it,
 * so an uncontended lock may serve one {@code Asyncio.run} after another; it fails with an
 * {@link IllegalStateException} when a task of another loop has to wait for it, or when it is
 * used from another thread while its loop runs.
 *
 * <p><b>Differences from asyncio.</b> Releasing an unlocked lock throws
 * {@link IllegalStateException} (Python: {@code RuntimeError}).
 */
public final class Lock extends LoopBound {
    private ArrayDeque<Future<Boolean>> waiters;
    private boolean locked;
    private final Acquired releaser = this::release;

    /** Creates an unlocked lock, bound to no loop until first used. */
    public Lock() {
    }

    /** {@return whether the lock is held} asyncio's {@code locked()}. */
    public boolean locked() {
        return locked;
    }

    /**
     * Takes the lock, suspending the current task until it is free and the tasks queued before
     * it had their turn: asyncio's {@code acquire()}.
     *
     * @return {@code true}, as asyncio's
     * @throws CancelledError if the task is cancelled while waiting (the lock is not taken)
     * @throws IllegalStateException if it has to wait outside a task, or is used from another
     *         loop or thread
     */
    public boolean acquire() {
        checkLoop();
        // Jumping the queue when every queued waiter is cancelled is asyncio's optimisation.
        if (!locked && (waiters == null || allCancelled(waiters))) {
            locked = true;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = enqueueWaiter(waiters, "acquire");
        try {
            awaitQueued(waiters, fut);
        } catch (CancelledError e) {
            // Keep the invariant: a free lock with queued tasks has its first task woken. We may
            // have been that task, woken by release() just before the cancellation arrived.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Acquires the lock and returns a scope whose {@code close()} releases it: asyncio's
     * {@code async with lock:}.
     *
     * @return the scope (the same object every time)
     * @throws CancelledError if the task is cancelled while waiting (then nothing is held)
     */
    public Acquired acquireScope() {
        acquire();
        return releaser;
    }

    /**
     * Releases the lock and lets the first queued task (if any) take it: asyncio's
     * {@code release()}. Any task or callback of the loop may call it.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void release() {
        checkLoop();
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /** asyncio's {@code _wake_up_first}: make sure the first queued waiter will run. */
    private void wakeUpFirst() {
        if (waiters == null) {
            return;
        }
        Future<Boolean> first = waiters.peekFirst();
        // A done waiter is already set to wake up (or cancelled, and will pass the wake-up on).
        if (first != null && !first.done()) {
            first.setResult(Boolean.TRUE);
        }
    }

    static boolean allCancelled(ArrayDeque<? extends Future<?>> waiters) {
        for (Future<?> w : waiters) {
            if (!w.cancelled()) {
                return false;
            }
        }
        return true;
    }

    /** {@return the number of queued waiters, for tests} */
    int waiterCount() {
        return waiters == null ? 0 : waiters.size();
    }

    /** {@return the queued waiters (may be null), for tests} */
    ArrayDeque<Future<Boolean>> waiters() {
        return waiters;
    }

    /** {@return e.g. {@code <Lock object at 0x1b6d3586 [locked, waiters:2]>}, as asyncio's repr} */
    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + describe() + " [" + extra + "]>";
    }
}
