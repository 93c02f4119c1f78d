package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopThread;
import io.asyncio4j.Task;
import io.asyncio4j.reactor.AsyncioReactor;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Demo: bridge signals arrive on the loop's thread, so heavy work downstream of a bridged
 * publisher runs on the loop and stalls every other task. A probe task sleeps 5 ms again and
 * again and records how late it wakes up (the loop's lag) while a {@code flux} generator emits
 * 50 values, each followed by 20 ms of CPU work in {@code map}: once directly, once after
 * {@code publishOn(Schedulers.boundedElastic())}, which moves the work off the loop.
 */
public final class LoopLag {
    private static final int ITEMS = 50;
    private static final long WORK_NANOS = 20_000_000L;
    private static final double PROBE_INTERVAL = 0.005;

    private LoopLag() {
    }

    /**
     * Runs the demo.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try (EventLoopThread loopThread = EventLoopThread.start()) {
            EventLoop loop = loopThread.loop();
            Scheduler worker = Schedulers.newBoundedElastic(2, 100, "heavy");
            try {
                measure(loop, "map on the loop's thread          ", flux -> flux);
                measure(loop, "publishOn(boundedElastic) then map", flux -> flux.publishOn(worker));
            } finally {
                worker.dispose();
            }
        }
    }

    private static void measure(EventLoop loop, String label, UnaryOperator<Flux<Integer>> hop) {
        List<Double> lags = Collections.synchronizedList(new ArrayList<>());
        Task<?> probe = Asyncio.runCoroutineThreadsafe(() -> Asyncio.getRunningLoop().<Void>createTask(() -> {
            while (true) {
                double before = Asyncio.getRunningLoop().time();
                Asyncio.sleep(PROBE_INTERVAL);
                lags.add(Asyncio.getRunningLoop().time() - before - PROBE_INTERVAL);
            }
        }), loop).join();
        Flux<Integer> source = AsyncioReactor.flux(loop, out -> {
            for (int i = 0; i < ITEMS; i++) {
                Asyncio.sleep(0.002);
                out.emit(i);
            }
        });
        long t0 = System.nanoTime();
        List<String> threads = hop.apply(source)
                .map(i -> {
                    busyWork();
                    return loop.inEventLoop() ? "the loop" : Thread.currentThread().getName();
                })
                .distinct()
                .collectList()
                .block();
        double seconds = (System.nanoTime() - t0) / 1e9;
        loop.callSoonThreadsafe(() -> probe.cancel());
        List<Double> sorted;
        synchronized (lags) {
            sorted = new ArrayList<>(lags);
        }
        Collections.sort(sorted);
        System.out.printf("%s: loop lag p50 %5.1f ms, p90 %5.1f ms, max %5.1f ms (%d probes); work ran on %s; %.2f s%n",
                label, 1000 * sorted.get(sorted.size() / 2), 1000 * sorted.get(sorted.size() * 9 / 10),
                1000 * sorted.get(sorted.size() - 1), sorted.size(), threads, seconds);
    }

    /** About 20 ms of CPU: a stand-in for parsing, rendering or any other heavy step. */
    private static void busyWork() {
        long end = System.nanoTime() + WORK_NANOS;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
