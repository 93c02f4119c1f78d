package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A counting semaphore for tasks: asyncio's {@code asyncio.Semaphore}.
 *
 * <p>The counter starts at the initial value; {@link #acquire()} decrements it, suspending the
 * task while it is zero, and {@link #release()} increments it and wakes the first waiting task.
 * Waiting is FIFO: while tasks are queued, a newcomer queues too even if the counter is above
 * zero. A queued task cancelled after being chosen gives its unit back and the next task is
 * woken, so no wake-up is lost.
 *
 * {@snippet :
 * Semaphore slots = new Semaphore(10);
 * try (var held = slots.acquireScope()) {   // async with slots:
 *     fetch(url);                           // at most 10 tasks at a time
 * }
 * }
 *
 * <p><b>Threading.</b> Use it from the tasks and callbacks of one loop (see the package
 * documentation).
 *
 * <p><b>Differences from asyncio.</b> A negative initial value throws
 * {@link IllegalArgumentException} (Python: {@code ValueError}).
 */
public class Semaphore extends LoopBound {
    private ArrayDeque<Future<Boolean>> waiters;
    private int value;
    private final Acquired releaser = this::release;

    /** Creates a semaphore with the value 1. */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore.
     *
     * @param value the initial value of the counter
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /**
     * {@return whether {@link #acquire()} would have to wait} asyncio's {@code locked()}: the
     * counter is zero, or tasks (not cancelled) are queued ahead.
     */
    public final boolean locked() {
        if (value == 0) {
            return true;
        }
        if (waiters != null) {
            for (Future<Boolean> w : waiters) {
                if (!w.cancelled()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Decrements the counter, first suspending the current task while it is zero or earlier tasks
     * are queued: asyncio's {@code acquire()}.
     *
     * @return {@code true}
     * @throws CancelledError if the task is cancelled while waiting (the counter is unchanged)
     * @throws IllegalStateException if it has to wait outside a task, or is used from another
     *         loop or thread
     */
    public final boolean acquire() {
        checkLoop();
        if (!locked()) {
            value--;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = enqueueWaiter(waiters, "acquire");
        try {
            awaitQueued(waiters, fut);
        } catch (CancelledError e) {
            if (fut.done() && !fut.cancelled()) {
                // wakeUpNext() chose us and took a unit for us, but we will not return: give it back.
                value++;
            }
            throw e;
        } finally {
            // Tasks that arrived while we waited had to queue (FIFO); wake as many as may go.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return true;
    }

    /**
     * Acquires and returns a scope whose {@code close()} releases: asyncio's
     * {@code async with sem:}.
     *
     * @return the scope (the same object every time)
     */
    public final Acquired acquireScope() {
        acquire();
        return releaser;
    }

    /**
     * Increments the counter and wakes the first waiting task: asyncio's {@code release()}.
     */
    public void release() {
        checkLoop();
        value++;
        wakeUpNext();
    }

    /** asyncio's {@code _wake_up_next}: hands one unit to the first waiter not yet woken. */
    private boolean wakeUpNext() {
        if (waiters == null) {
            return false;
        }
        for (Future<Boolean> fut : waiters) {
            if (!fut.done()) {
                value--;
                fut.setResult(Boolean.TRUE);
                return true;
            }
        }
        return false;
    }

    /** {@return the counter, for subclasses and tests} */
    final int value() {
        return value;
    }

    /** {@return the queued waiters (may be null), for tests} */
    final ArrayDeque<Future<Boolean>> waiters() {
        return waiters;
    }

    /** {@return e.g. {@code <Semaphore object at 0x1b6d3586 [unlocked, value:1]>}, as asyncio's repr} */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + describe() + " [" + extra + "]>";
    }
}
