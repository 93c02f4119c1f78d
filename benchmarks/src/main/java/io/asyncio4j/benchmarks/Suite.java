package io.asyncio4j.benchmarks;

import java.util.List;

/**
 * One comparison: a set of implementations measured side by side, interleaved A B A B over the
 * rounds of one run, with one of them as the reference the ratios are relative to.
 */
interface Suite {
    /** The suite's name on the command line and in the results. */
    String name();

    /** The implementation ratios are relative to (null for none). */
    String reference();

    /** Every implementation, runnable or not. */
    List<Impl> impls();

    /** Measures every runnable implementation, recording samples and failures in {@code results}. */
    void run(Settings settings, Results results) throws InterruptedException;

    /**
     * How long and how often to measure.
     *
     * @param quick    smoke run: fewer rounds, smaller counts
     * @param rounds   interleaved rounds; the median is taken over them
     * @param seconds  echo: measured seconds per client run (a warm-up run of a third as long precedes it)
     * @param launcher starts the processes
     * @param only     implementations to run (by name); empty runs them all
     */
    record Settings(boolean quick, int rounds, double seconds, Launcher launcher, java.util.Set<String> only) {
        /** Whether to run {@code impl}: it can run here and was not left out by {@code --only}. */
        boolean selected(Impl impl) {
            return impl.runnable() && (only.isEmpty() || only.contains(impl.name()));
        }
    }
}
