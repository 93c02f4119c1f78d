package io.asyncio4j.internal.loop;

/**
 * The clock an event loop reads: monotonic nanoseconds. The real one wraps
 * {@link System#nanoTime()}; the testing package's virtual clock only moves when the loop has
 * nothing to do (Trio's autojump clock).
 */
public interface LoopClock {
    /** {@return the current time in nanoseconds, from an arbitrary origin} */
    long nanoTime();

    /** {@return whether the loop may jump this clock forward when idle} */
    default boolean isVirtual() {
        return false;
    }

    /**
     * Moves a virtual clock forward to {@code nanos} (never backwards).
     *
     * @param nanos the new time
     */
    default void advanceTo(long nanos) {
        throw new UnsupportedOperationException("the real clock cannot be moved");
    }

    /**
     * {@return how long, in real nanoseconds, a virtual loop waits for I/O before it jumps}
     * Zero jumps at once when nothing is ready. A virtual loop asks each time it is idle: nothing
     * ready, no executor work pending, and it is about to wait.
     */
    default long autojumpThresholdNanos() {
        return 0;
    }

    /**
     * Called on the thread that schedules a timer (the loop's), before the scheduling call
     * returns, with the timer's deadline; for a clock moved from outside the loop, which must
     * wake the loop when that time comes.
     *
     * @param deadlineNanos when the timer is due, on this clock
     */
    default void timerScheduled(long deadlineNanos) {
    }

    /** The real monotonic clock, starting near zero when the loop is created. */
    final class Monotonic implements LoopClock {
        private final long origin = System.nanoTime();

        @Override
        public long nanoTime() {
            return System.nanoTime() - origin;
        }
    }
}
