package io.asyncio4j.benchmarks.asyncio4j;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.getRunningLoop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.benchmarks.peers.Out;
import java.util.Map;

/**
 * The timers suite on asyncio4j: N {@code loop.callLater} callbacks with delays spread over
 * 0–1 ms (the pattern every timers peer uses), until the last fires; ns per timer.
 * Usage: {@code --case timers [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class Asyncio4jTimersBench {
    private Asyncio4jTimersBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        StrandMode.check();
        int n = Out.intOption(o, "n", 100_000);
        Out.warmUp(o, () -> Asyncio.run(() -> timers(n)));
        Out.emit("timers", "timer", (double) Asyncio.run(() -> timers(n)) / n, "ns/timer");
    }

    static long timers(int n) {
        EventLoop loop = getRunningLoop();
        Future<Void> done = loop.createFuture();
        int[] left = {n};
        Runnable fire = () -> {
            if (--left[0] == 0) done.setResult(null);
        };
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) loop.callLater((i % 1000) * 1e-6, fire);
        await(done);
        return System.nanoTime() - start;
    }
}
