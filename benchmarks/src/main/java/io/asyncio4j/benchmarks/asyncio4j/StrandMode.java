package io.asyncio4j.benchmarks.asyncio4j;

import io.asyncio4j.Asyncio;

/**
 * Guards the labels: a runner launched as {@code asyncio4j-fast} must really run fast strands,
 * not fall back to portable ones because a JVM flag went missing.
 */
final class StrandMode {
    private StrandMode() {}

    /** Fails when {@code -Dasyncio4j.strands} asked for a mode the process does not run. */
    static void check() {
        String asked = System.getProperty("asyncio4j.strands", "auto");
        String running = Asyncio.strandMode().propertyValue();
        System.err.println("asyncio4j strand mode: " + running + " (asked: " + asked + ")");
        if (!asked.equals("auto") && !asked.equals(running)) {
            throw new IllegalStateException("asked for " + asked + " strands but running " + running);
        }
    }
}
