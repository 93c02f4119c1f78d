package io.asyncio4j.internal;

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
     * Zero jumps at once when nothing is ready.
     */
    default long autojumpThresholdNanos() {
        return 0;
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
