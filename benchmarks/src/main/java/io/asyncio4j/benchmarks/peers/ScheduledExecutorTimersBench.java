package io.asyncio4j.benchmarks.peers;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timers suite on a single-thread {@link ScheduledThreadPoolExecutor}: schedule N callbacks
 * with delays spread over 0–1 ms (the same pattern as every timers peer) and wait until the last
 * one has run; ns per timer.
 * Usage: {@code --case timers [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class ScheduledExecutorTimersBench {
    private ScheduledExecutorTimersBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        int n = Out.intOption(o, "n", 100_000);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        try {
            Out.warmUp(o, () -> timers(executor, n));
            Out.emit("timers", "timer", (double) timers(executor, n) / n, "ns/timer");
        } finally {
            executor.shutdownNow();
        }
    }

    static long timers(ScheduledThreadPoolExecutor executor, int n) throws InterruptedException {
        CountDownLatch left = new CountDownLatch(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) executor.schedule(left::countDown, (i % 1000) * 1_000L, TimeUnit.NANOSECONDS);
        if (!left.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("timers did not fire in 60 s");
        return System.nanoTime() - start;
    }
}
