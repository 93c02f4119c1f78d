package io.asyncio4j.internal.loop;

import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.internal.strand.Strand;

import java.util.IdentityHashMap;

/**
 * Debug mode's instrumentation of one loop (asyncio's {@code loop.set_debug(True)}): times each
 * callback and task step against the slow-callback limit, with the watchdog's stack of what
 * blocked, and reports strands that sat in a JDK blocking call. The loop calls in here only while
 * debug mode is on, so the normal path pays one boolean test.
 */
final class LoopDebug {
    private static final long DEFAULT_SLOW_CALLBACK_NANOS = 100_000_000L;

    private volatile long slowCallbackNanos = DEFAULT_SLOW_CALLBACK_NANOS;
    private SlowCallbackWatchdog watchdog;
    private Task<?> debugCurrentTask;
    private Strand debugCurrentStrand;
    /** Strands parked in a JDK blocking call, to report when they come back. */
    private final IdentityHashMap<Strand, BlockedStrand> blockedStrands = new IdentityHashMap<>();

    private record BlockedStrand(Task<?> task, long sinceNanos, StackTraceElement[] stack) {
    }

    /** Starts or stops the watchdog with debug mode. */
    void setEnabled(boolean enabled) {
        if (enabled && watchdog == null) {
            watchdog = new SlowCallbackWatchdog(this);
        } else if (!enabled && watchdog != null) {
            watchdog.stop();
            watchdog = null;
        }
    }

    void setSlowCallbackNanos(long nanos) {
        slowCallbackNanos = nanos;
    }

    long slowCallbackNanos() {
        return slowCallbackNanos;
    }

    /** A task's strand is running (again) on the loop's behalf. */
    void strandRunning(Task<?> task, Strand strand) {
        if (watchdog != null) {
            debugCurrentTask = task;
            debugCurrentStrand = strand;
            watchdog.runningOn(Thread.currentThread());
        }
    }

    /** The loop closes: stop the watchdog, forget blocked strands. */
    void close() {
        if (watchdog != null) {
            watchdog.stop();
            watchdog = null;
        }
        blockedStrands.clear();
    }

    void runTimed(Runnable r, Handle h) {
        SlowCallbackWatchdog w = watchdog;
        debugCurrentTask = null;
        debugCurrentStrand = null;
        w.begin(r, Thread.currentThread());
        try {
            r.run();
        } finally {
            StackTraceElement[] stack = w.end();
            long took = w.elapsedNanos();
            if (took >= slowCallbackNanos) {
                reportSlow(h != null ? "Executing " + h : "Executing step of " + debugCurrentTask, took, stack);
            }
            if (h == null) {
                checkBlockedStrands();
            }
        }
    }

    /**
     * Fast mode parks a strand that makes a JDK blocking call instead of freezing the loop; debug
     * mode still reports the call when it delayed the task longer than the slow-callback limit.
     */
    private void checkBlockedStrands() {
        if (!blockedStrands.isEmpty()) {
            long now = System.nanoTime();
            blockedStrands.entrySet().removeIf(e -> {
                if (e.getKey().blockedOutsideLoop()) {
                    return false;
                }
                long took = now - e.getValue().sinceNanos();
                if (took >= slowCallbackNanos) {
                    reportSlow("Executing step of " + e.getValue().task() + " (in a blocking call)", took,
                            e.getValue().stack());
                }
                return true;
            });
        }
        Strand s = debugCurrentStrand;
        if (s != null && !blockedStrands.containsKey(s) && s.blockedOutsideLoop()) {
            blockedStrands.put(s, new BlockedStrand(debugCurrentTask, System.nanoTime(), s.stackTrace()));
        }
    }

    private void reportSlow(String what, long nanos, StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder(what).append(String.format(" took %.3f seconds", nanos / 1e9));
        if (stack != null) {
            sb.append("; it was blocked in:");
            for (StackTraceElement e : stack) {
                sb.append("\n\tat ").append(e);
            }
        }
        BaseLoop.LOG.log(System.Logger.Level.WARNING, sb.toString());
    }
}
