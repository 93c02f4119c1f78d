package io.asyncio4j.internal.loop;

/**
 * Debug mode's witness of slow callbacks: a daemon thread that notices when the loop has been
 * inside one callback (or one task step) for longer than the threshold and captures the stack of
 * whatever is running then, so the report shows what blocked the loop, not just how long.
 */
final class SlowCallbackWatchdog implements Runnable {
    private final LoopDebug debug;
    private final Thread thread;
    private volatile boolean stopped;

    /** The callback being run, its start time, and the thread whose stack to sample. */
    private volatile Object current;
    private volatile long startNanos;
    private volatile Thread runningOn;
    private volatile StackTraceElement[] captured;

    SlowCallbackWatchdog(LoopDebug debug) {
        this.debug = debug;
        this.thread = new Thread(this, "asyncio4j-slow-callback-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    void begin(Object callback, Thread runner) {
        captured = null;
        runningOn = runner;
        startNanos = System.nanoTime();
        current = callback;
    }

    /** Called when the strand that runs on the loop's behalf changes (fast mode mounts it). */
    void runningOn(Thread runner) {
        runningOn = runner;
    }

    /**
     * Ends the current callback.
     *
     * @return the stack captured while it was slow, or null
     */
    StackTraceElement[] end() {
        current = null;
        return captured;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        while (!stopped) {
            long threshold = debug.slowCallbackNanos();
            try {
                Thread.sleep(Math.max(1, threshold / 4_000_000));
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
            }
            Object cb = current;
            Thread t = runningOn;
            if (cb != null && t != null && captured == null && System.nanoTime() - startNanos > threshold) {
                StackTraceElement[] stack = t.getStackTrace();
                if (current == cb) {
                    captured = stack;
                }
            }
        }
    }
}
