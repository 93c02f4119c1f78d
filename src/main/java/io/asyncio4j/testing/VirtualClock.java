package io.asyncio4j.testing;


import java.time.Duration;

/**
 * A clock that moves only when told, or when its loop has nothing to do: Trio's
 * {@code MockClock(autojump_threshold=...)}. A loop on this clock that would wait for a timer
 * jumps straight to it, so {@code sleep(3600)} inside a test returns at once, and timeouts,
 * retries and schedules can be tested deterministically.
 *
 * <p>The loop does not jump while work it handed to another thread
 * ({@code runInExecutor}, {@code toThread}) is still running; with an autojump threshold it
 * first waits that long, in real time, for I/O.
 */
public final class VirtualClock {
    private volatile long now;
    private final long autojumpThresholdNanos;

    /** A virtual clock at time 0 that jumps as soon as the loop is idle. */
    public VirtualClock() {
        this(Duration.ZERO);
    }

    /**
     * A virtual clock at time 0 that jumps once the loop has been idle this long in real time
     * (for tests that also talk to real sockets).
     *
     * @param autojumpThreshold real idle time before a jump
     */
    public VirtualClock(Duration autojumpThreshold) {
        this.autojumpThresholdNanos = autojumpThreshold.toNanos();
    }

    /** {@return the current virtual time in nanoseconds} */
    public long nanoTime() {
        return now;
    }

    /** {@return true: a loop on this clock may jump it forward when idle} */
    public boolean isVirtual() {
        return true;
    }

    /**
     * Moves the clock forward to {@code nanos} (never backwards).
     *
     * @param nanos the new time, in nanoseconds
     */
    public synchronized void advanceTo(long nanos) {
        if (nanos > now) {
            now = nanos;
        }
    }

    /**
     * Moves the clock forward.
     *
     * @param seconds how far
     */
    public void advance(double seconds) {
        advanceTo(now + (long) (seconds * 1e9));
    }

    /** {@return how long, in real nanoseconds, the loop waits for I/O before it jumps} */
    public long autojumpThresholdNanos() {
        return autojumpThresholdNanos;
    }

    /** {@return the current virtual time in seconds} */
    public double time() {
        return now / 1e9;
    }
}
