package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.util.ArrayDeque;

/**
 * Binds a primitive to the loop it is first used on: asyncio's {@code mixins._LoopBoundMixin},
 * plus a check asyncio lacks, that the caller is the thread running that loop.
 *
 * <p>asyncio checks the loop only when a primitive has to create a waiter future. Here every
 * operation that touches the primitive's state checks it (a thread-local read and a compare), so
 * misuse from another thread fails at once instead of corrupting the waiter deque. With no loop
 * running on the calling thread and the bound loop not running either (setting up before
 * {@code runUntilComplete}, inspecting afterwards), the call is allowed, as in asyncio.
 */
abstract class LoopBound {
    private EventLoop loop;

    /**
     * Checks the caller against the bound loop, binding it on first use.
     *
     * @return the running loop, or {@code null} when none runs on this thread
     * @throws IllegalStateException when used from another loop, or from a thread other than
     *         the one running the bound loop
     */
    final EventLoop checkLoop() {
        EventLoop current = runningLoop();
        EventLoop bound = loop;
        if (current != null && current == bound) {
            return current;
        }
        if (current != null) {
            if (bound == null) {
                loop = current;
                return current;
            }
            throw new IllegalStateException(describe() + " is bound to a different event loop: it was first used on "
                    + describe(bound) + " and is now used on " + describe(current)
                    + ". A primitive belongs to the loop it was first used on; create one per loop.");
        }
        if (bound != null && bound.isRunning()) {
            throw new IllegalStateException(describe() + " is bound to " + describe(bound)
                    + " but was used from thread '" + Thread.currentThread().getName()
                    + "', which is not running that loop. Like asyncio's, these primitives are not thread-safe: use them"
                    + " from tasks or callbacks of their loop, or hop onto it with loop.callSoonThreadsafe(...) or"
                    + " Asyncio.runCoroutineThreadsafe(...).");
        }
        return null;
    }

    /**
     * Checks the loop before suspending the current task in {@code operation}.
     *
     * @param operation the method about to suspend, for the error message
     * @return the loop to create the waiter future on
     * @throws IllegalStateException when not called from a task of the bound loop
     */
    final EventLoop loopForWait(String operation) {
        EventLoop current = checkLoop();
        if (current == null || Asyncio.currentTask() == null) {
            throw new IllegalStateException(getClass().getSimpleName() + "." + operation + "() has to wait, and only code"
                    + " running inside a Task can suspend (thread '" + Thread.currentThread().getName()
                    + "' runs none): call it from a task, e.g. Asyncio.run(...) or loop.createTask(...).");
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

    /** {@return the loop this primitive is bound to, or {@code null} before its first use on a loop} */
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
