package io.asyncio4j.examples;

/**
 * Scales the examples' durations. The tutorial's examples sleep for seconds to make concurrency
 * visible; the test suite runs them with {@code -Dexamples.scale=0.01} so they finish in
 * milliseconds while doing exactly the same things.
 */
public final class Pace {
    private static final double SCALE = Double.parseDouble(System.getProperty("examples.scale", "1.0"));

    private Pace() {
    }

    /**
     * {@return {@code seconds} scaled by {@code -Dexamples.scale}}
     *
     * @param seconds the tutorial's duration
     */
    public static double seconds(double seconds) {
        return seconds * SCALE;
    }

    /**
     * Blocks the calling thread for {@code seconds} (scaled): the tutorial's {@code time.sleep},
     * used on purpose where the tutorial shows what blocking does.
     *
     * @param seconds the tutorial's duration
     */
    public static void block(double seconds) {
        try {
            Thread.sleep((long) (seconds(seconds) * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return the wall-clock time in seconds, like Python's {@code time.time()}} */
    public static double now() {
        return System.nanoTime() / 1e9;
    }
}
