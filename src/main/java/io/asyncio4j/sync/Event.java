package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;

import java.util.ArrayDeque;

/**
 * A flag tasks can wait for: asyncio's {@code asyncio.Event}.
 *
 * <p>{@link #set()} raises the flag and wakes every waiting task; {@link #clear()} lowers it;
 * {@link #await()} returns at once while the flag is up and otherwise suspends the task until
 * someone sets it.
 *
 * {@snippet :
 * Event ready = new Event();
 * Asyncio.createTask(() -> { prepare(); ready.set(); return null; });
 * ready.await();                       // await ready.wait()
 * }
 *
 * <p><b>Threading.</b> Use it from the tasks and callbacks of one loop (see the package
 * documentation); from another thread, call {@code loop.callSoonThreadsafe(event::set)}.
 *
 * <p><b>Differences from asyncio.</b> {@code wait()} is {@link #await()} ({@code Object.wait()}
 * is final in Java) and {@code is_set()} is {@link #isSet()}.
 */
public final class Event extends LoopBound {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;

    /** Creates an event whose flag is down. */
    public Event() {
    }

    /** {@return whether the flag is up} asyncio's {@code is_set()}. */
    public boolean isSet() {
        return value;
    }

    /**
     * Raises the flag and wakes every waiting task; tasks that wait later return at once:
     * asyncio's {@code set()}.
     */
    public void set() {
        checkLoop();
        setUnchecked();
    }

    /** {@link #set()} for a primitive that has already checked the loop (Queue's join event). */
    void setUnchecked() {
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.done()) {
                    fut.setResult(Boolean.TRUE);
                }
            }
        }
    }

    /** Lowers the flag: later {@link #await()} calls suspend until the next {@link #set()}. asyncio's {@code clear()}. */
    public void clear() {
        checkLoop();
        value = false;
    }

    /** {@link #clear()} for a primitive that has already checked the loop. */
    void clearUnchecked() {
        value = false;
    }

    /**
     * Suspends the current task until the flag is up (returns at once if it is): asyncio's
     * {@code wait()}.
     *
     * @return {@code true}
     * @throws CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException if it has to wait outside a task, or is used from another
     *         loop or thread
     */
    public boolean await() {
        checkLoop();
        if (value) {
            return true;
        }
        awaitQueued(waiters, enqueueWaiter(waiters, "await"));
        return true;
    }

    /** {@return the queued waiters, for tests} */
    ArrayDeque<Future<Boolean>> waiters() {
        return waiters;
    }

    /** {@return e.g. {@code <Event object at 0x1b6d3586 [unset, waiters:1]>}, as asyncio's repr} */
    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + describe() + " [" + extra + "]>";
    }
}
