package io.asyncio4j.benchmarks.asyncio4j;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.benchmarks.peers.Out;
import io.asyncio4j.sync.Lock;
import io.asyncio4j.sync.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The sync suite on asyncio4j, the same cases as {@code peers/python/sync_bench.py}:
 * {@code lock-uncontended}, {@code lock-contended} (4 tasks, each holds the lock across a
 * {@code sleep(0)}) and {@code queue} (producer/consumer through {@code Queue(64)}).
 * Usage: {@code --case lock-uncontended|lock-contended|queue [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class Asyncio4jSyncBench {
    private Asyncio4jSyncBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        StrandMode.check();
        String c = o.getOrDefault("case", "queue");
        int n = Out.intOption(o, "n", 100_000);
        IntFunction<Long> body = switch (c) {
            case "lock-uncontended" -> Asyncio4jSyncBench::lockUncontended;
            case "lock-contended" -> Asyncio4jSyncBench::lockContended;
            case "queue" -> Asyncio4jSyncBench::queue;
            default -> throw new IllegalArgumentException("unknown case " + c);
        };
        Out.warmUp(o, () -> Asyncio.run(() -> body.apply(n)));
        long ns = Asyncio.run(() -> body.apply(n));
        Out.emit(c, c.equals("queue") ? "item" : "acquire", (double) ns / n, c.equals("queue") ? "ns/item" : "ns/acquire");
    }

    static long lockUncontended(int n) {
        Lock lock = new Lock();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lock.acquire(); // suspends the task until the lock is ours (io.asyncio4j.sync on the sync branch)
            lock.release();
        }
        return System.nanoTime() - start;
    }

    static long lockContended(int n) {
        EventLoop loop = getRunningLoop();
        Lock lock = new Lock();
        int workers = 4;
        long start = System.nanoTime();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            tasks.add(loop.createTask(() -> {
                for (int i = 0; i < n / workers; i++) {
                    lock.acquire();
                    try {
                        sleep(0);
                    } finally {
                        lock.release();
                    }
                }
                return null;
            }));
        }
        await(gather(tasks));
        return System.nanoTime() - start;
    }

    static long queue(int n) {
        EventLoop loop = getRunningLoop();
        Queue<Integer> queue = new Queue<>(64);
        long start = System.nanoTime();
        Task<Void> producer = loop.createTask(() -> {
            for (int i = 0; i < n; i++) queue.put(i);
            return null;
        });
        Task<Void> consumer = loop.createTask(() -> {
            for (int i = 0; i < n; i++) queue.get();
            return null;
        });
        await(gather(List.of(producer, consumer)));
        return System.nanoTime() - start;
    }
}
