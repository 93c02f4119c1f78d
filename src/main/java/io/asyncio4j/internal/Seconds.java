package io.asyncio4j.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Seconds as the public API takes them: a primitive {@code double} where
 * {@link Double#POSITIVE_INFINITY} means "no limit" (asyncio's {@code None}) and NaN is refused.
 */
public final class Seconds {
    private Seconds() {
    }

    /**
     * {@return {@code d} in seconds, exactly enough for a timer and without overflow}
     *
     * @param d a duration
     * @param what the parameter's name, for the error message
     * @throws NullPointerException naming {@code what} and the no-limit constant if {@code d} is null
     */
    public static double of(Duration d, String what) {
        Objects.requireNonNull(d, () -> what + " is null (for no limit, pass Timeout.NEVER)");
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /**
     * {@return {@code seconds}, checked to be a number}
     *
     * @param seconds the value
     * @param what the parameter's name, for the error message
     * @throws IllegalArgumentException if it is NaN
     */
    public static double check(double seconds, String what) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException(what + " must be a number of seconds (or Double.POSITIVE_INFINITY"
                    + " for no limit), got NaN");
        }
        return seconds;
    }

    /**
     * {@return whether {@code seconds} means no limit}
     *
     * @param seconds the value
     */
    public static boolean isUnlimited(double seconds) {
        return seconds == Double.POSITIVE_INFINITY;
    }
}
