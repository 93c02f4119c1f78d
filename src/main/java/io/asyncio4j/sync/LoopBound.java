package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * Binds a primitive to a loop the first time a task has to wait on it: asyncio's
 * {@code mixins._LoopBoundMixin}, plus a check asyncio lacks, that the caller is the thread
 * running the loop the primitive is being used on.
 *
 * <p>As in asyncio, only the paths that create a waiter future bind the primitive (and fail if it
 * is bound to another loop), so a primitive that never makes anyone wait, such as an uncontended
 * {@code Lock}, can serve one {@code Asyncio.run} after another. Every operation also remembers
 * the loop it ran on and refuses a caller while that loop runs on another thread (a thread-local
 * read and a compare), so misuse from another thread fails at once instead of corrupting the
 * waiter deque. With no loop running on the calling thread and the primitive's loop not running
 * either (setting up before {@code runUntilComplete}, inspecting afterwards), the call is
 * allowed, as in asyncio.
 */
abstract class LoopBound {
    /** The loop waiters were created on: asyncio's {@code _loop}. */
    private EventLoop loop;
    /** The loop of the latest use, for the thread check; never a binding. */
    private EventLoop lastUsedOn;

    /**
     * Checks that no other thread is using the primitive through a running loop, and records
     * the caller's loop as the latest user. Binds nothing.
     *
     * @return the running loop, or {@code null} when none runs on this thread
     * @throws IllegalStateException when the loop the primitive was last used (or bound) on is
     *         running on another thread
     */
    final EventLoop checkLoop() {
        EventLoop current = runningLoop();
        EventLoop last = lastUsedOn;
        EventLoop bound = loop;
        if (current != last) {
            checkNotBusyElsewhere(last, current);
        }
        if (bound != current && bound != last) {
            checkNotBusyElsewhere(bound, current);
        }
        if (current != null && current != last) {
            lastUsedOn = current;
        }
        return current;
    }

    private void checkNotBusyElsewhere(EventLoop other, EventLoop current) {
        if (other == null || other == current || !other.isRunning()) {
            return;
        }
        throw new IllegalStateException(describe() + " is used by " + describe(other)
                + ", which is running, but was used from thread '" + Thread.currentThread().getName()
                + "', which is not running that loop"
                + (current != null ? " (it runs " + describe(current) + ")" : "")
                + ". Like asyncio's, these primitives are not thread-safe: use them"
                + " from tasks or callbacks of their loop, or hop onto it with loop.callSoonThreadsafe(...) or"
                + " Asyncio.runCoroutineThreadsafe(...).");
    }

    /**
     * Checks the loop before suspending the current task in {@code operation}, binding the
     * primitive to it on first wait: asyncio's {@code _get_loop()}.
     *
     * @param operation the method about to suspend, for the error message
     * @return the loop to create the waiter future on
     * @throws IllegalStateException when not called from a task, or when the primitive is bound
     *         to another loop
     */
    final EventLoop loopForWait(String operation) {
        EventLoop current = checkLoop();
        if (current == null || Asyncio.currentTask() == null) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + operation + "() has to wait, and only code"
                    + " running inside a Task can suspend (thread '" + Thread.currentThread().getName()
                    + "' runs none): call it from a task, e.g. Asyncio.run(...) or loop.createTask(...).");
        }
        EventLoop bound = loop;
        if (bound == null) {
            loop = current;
        } else if (bound != current) {
            throw new IllegalStateException(describe() + " is bound to a different event loop: a task first waited on it"
                    + " on " + describe(bound) + " and now has to wait on it on " + describe(current)
                    + ". A primitive belongs to the loop its waiters were created on; create one per loop.");
        }
        return current;
    }

    /**
     * Creates a waiter future for the current task and queues it last, as every asyncio primitive
     * does before suspending.
     *
     * @param waiters the primitive's FIFO of waiters
     * @param operation the method about to suspend, for the error message
     * @return the queued future
     * @throws IllegalStateException when not called from a task of the bound loop
     */
    final Future<Boolean> enqueueWaiter(ArrayDeque<Future<Boolean>> waiters, String operation) {
        Future<Boolean> fut = loopForWait(operation).createFuture();
        waiters.addLast(fut);
        return fut;
    }

    /**
     * Suspends until {@code fut} is done and takes it out of {@code waiters} however the wait
     * ends (woken, cancelled, or failed).
     *
     * @throws CancelledError if the task is cancelled while waiting
     */
    static void awaitQueued(ArrayDeque<Future<Boolean>> waiters, Future<Boolean> fut) {
        try {
            fut.await();
        } finally {
            waiters.remove(fut);
        }
    }

    /** {@return the loop this primitive is bound to, or {@code null} before a task first waited on it} */
    final EventLoop boundLoop() {
        return loop;
    }

    /** {@return "Lock object at 0x1b6d3586" and the like, as in asyncio's repr} */
    final String describe() {
        return getClass().getSimpleName() + " object at 0x" + Integer.toHexString(System.identityHashCode(this));
    }

    private static String describe(EventLoop loop) {
        return loop + "@" + Integer.toHexString(System.identityHashCode(loop));
    }

    private static EventLoop runningLoop() {
        try {
            return Asyncio.getRunningLoop();
        } catch (IllegalStateException none) {
            // No loop on this thread: only plain set-up code outside any loop, never a hot path.
            return null;
        }
    }
}
