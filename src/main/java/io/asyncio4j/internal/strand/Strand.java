package io.asyncio4j.internal.strand;

import io.asyncio4j.internal.BaseLoop;
import io.asyncio4j.internal.ContextCell;

/**
 * The stack a task runs on: a virtual thread that the event loop runs one step at a time
 * (fast or portable: see {@link io.asyncio4j.StrandMode}). Only the loop decides when a strand runs; a strand gives the loop back when it
 * {@linkplain #suspend() suspends} or ends.
 *
 * <p>States: {@code new -> scheduled -> running -> (suspended -> scheduled -> running)* -> done}.
 */
public abstract class Strand {
    /** Marks the calling thread as this strand (called first thing by the strand's body). */
    protected final void bindToCurrentThread() {
        ContextCell.get().strand = this;
    }

    /** Schedules the first step on the loop (from the loop's thread or one of its strands). */
    public abstract void start();

    /** Runs the first step now, on the loop's own thread, until the strand first suspends. */
    public abstract void startNow();

    /** Schedules the next step after a suspension; callable from any thread. */
    public abstract void wake();

    /** On the strand: gives the loop back until {@link #wake()} is called. */
    public abstract void suspend();

    /** On the strand: reschedules itself at the end of the ready queue and suspends (sleep(0)). */
    public abstract void yieldNow();

    /** {@return the strand's current stack, innermost frame first} */
    public abstract StackTraceElement[] stackTrace();

    /**
     * {@return whether the strand is alive but parked by something other than the loop} (a JDK
     * blocking call such as {@code Thread.sleep} or a lock). Debug mode uses it to report blocking
     * calls that do not freeze the loop but delay the task. Modes whose blocking calls hold the
     * loop's thread (portable) answer false: the slow-callback watchdog sees those.
     */
    public boolean blockedOutsideLoop() {
        return false;
    }

    /**
     * Makes the calling strand yield so that it resumes from the loop's run-next queue, right
     * after the entries already placed there (eager start of a task from inside another task).
     *
     * @param loop the loop
     */
    public static void yieldCurrentToRunNext(BaseLoop loop) {
        Strand current = ContextCell.get().strand;
        if (current == null) {
            throw new IllegalStateException("not on a strand");
        }
        loop.enterRunNextMode();
        current.yieldNow();
    }
}
