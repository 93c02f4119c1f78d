package io.asyncio4j.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Seconds as the public API takes them, and the one rule for delays and deadlines, in seconds or as a {@link Duration}: a delay too long
 * to represent (including infinity) means "never", a negative one means "now" (a timer still
 * keeps its place among other past deadlines, as asyncio's do), and NaN is refused with
 * {@link IllegalArgumentException} (asyncio's {@code ValueError}). Where a timeout may be absent
 * (asyncio's {@code None}), {@link Double#POSITIVE_INFINITY} ({@code Timeout.NEVER}) means no limit.
 */
public final class Delays {
    /** Delays of this length (about 73 years) or more mean "never"; deadlines stay far from overflow. */
    public static final long NEVER_NANOS = Long.MAX_VALUE / 4;
    private static final Duration NEVER = Duration.ofNanos(NEVER_NANOS);

    private Delays() {
    }

    /**
     * {@return {@code seconds} in nanoseconds, clamped to plus or minus {@link #NEVER_NANOS}}
     *
     * @param seconds the delay
     * @param what its name, for the error
     * @throws IllegalArgumentException if {@code seconds} is NaN
     */
    public static long nanos(double seconds, String what) {
        checkNumber(seconds, what);
        double nanos = seconds * 1e9;
        if (nanos >= NEVER_NANOS) {
            return NEVER_NANOS;
        }
        if (nanos <= -NEVER_NANOS) {
            return -NEVER_NANOS;
        }
        return (long) nanos;
    }

    /**
     * {@return {@code delay} in nanoseconds, clamped to plus or minus {@link #NEVER_NANOS}} Never
     * overflows, unlike {@link Duration#toNanos()} past about 292 years.
     *
     * @param delay the delay
     */
    public static long nanos(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.compareTo(NEVER) >= 0) {
            return NEVER_NANOS;
        }
        if (delay.compareTo(NEVER.negated()) <= 0) {
            return -NEVER_NANOS;
        }
        return delay.toNanos();
    }

    /**
     * {@return {@code delay} in seconds, clamped as {@link #nanos(Duration)}}
     *
     * @param delay the delay
     */
    public static double seconds(Duration delay) {
        return nanos(delay) / 1e9;
    }

    /**
     * {@return the deadline, in nanoseconds, for loop time {@code when} seconds, clamped to at most
     * {@link #NEVER_NANOS} away from {@code nowNanos}}
     *
     * @param when the deadline in seconds
     * @param nowNanos the loop's current time in nanoseconds
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public static long deadlineNanos(double when, long nowNanos) {
        checkNumber(when, "when");
        double nanos = when * 1e9;
        if (nanos >= (double) nowNanos + NEVER_NANOS) {
            return nowNanos + NEVER_NANOS;
        }
        if (nanos <= (double) nowNanos - NEVER_NANOS) {
            return nowNanos - NEVER_NANOS;
        }
        return (long) nanos;
    }

    /**
     * Refuses NaN.
     *
     * @param value a delay or deadline in seconds
     * @param what its name, for the error
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    public static void checkNumber(double value, String what) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " must be a number, got NaN");
        }
    }

    /**
     * {@return {@code delay} in seconds, clamped as {@link #nanos(Duration)}}
     *
     * @param delay the delay
     * @param what the parameter's name, for the error message
     * @throws NullPointerException naming {@code what} and the no-limit constant if {@code delay} is null
     */
    public static double seconds(Duration delay, String what) {
        Objects.requireNonNull(delay, () -> what + " is null (for no limit, pass Timeout.NEVER)");
        return seconds(delay);
    }

    /**
     * {@return {@code seconds}, checked to be a number}
     *
     * @param seconds the value
     * @param what the parameter's name, for the error message
     * @throws IllegalArgumentException if it is NaN
     */
    public static double checked(double seconds, String what) {
        checkNumber(seconds, what);
        return seconds;
    }

    /**
     * {@return whether {@code seconds} means no limit (asyncio's {@code None})}
     *
     * @param seconds the value
     */
    public static boolean isUnlimited(double seconds) {
        return seconds == Double.POSITIVE_INFINITY;
    }
}
