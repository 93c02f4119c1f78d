package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Lock;
import io.asyncio4j.sync.Queue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost per operation of the {@code io.asyncio4j.sync} primitives, to set against CPython
 * asyncio running the same scenarios ({@code benchmarks/peers/python/sync_bench_asyncio.py}).
 *
 * <p>Each invocation runs {@value #N} operations inside one {@code Asyncio.run}, so loop start-up
 * is amortised, and JMH divides by N ({@link OperationsPerInvocation}). The fork runs in fast
 * strand mode ({@code --add-opens java.base/java.lang=ALL-UNNAMED}).
 *
 * <ul>
 *   <li>{@code lockUncontended}: one task, acquire + release (no waiting).</li>
 *   <li>{@code lockContended}: two tasks that each hold the lock across a {@code sleep(0)}, so
 *       every acquire queues and every release hands the lock over; per acquisition.</li>
 *   <li>{@code queueProducerConsumer}: one task puts N items into a {@code Queue(100)}, another
 *       gets them; per item.</li>
 *   <li>{@code queuePingPong}: the same through a {@code Queue(1)}, a task switch per item.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SyncBenchmark {
    /** Operations per invocation. */
    public static final int N = 20_000;

    /** One task, N uncontended acquire/release pairs. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int lockUncontended() {
        return Asyncio.run(() -> {
            Lock lock = new Lock();
            int held = 0;
            for (int i = 0; i < N; i++) {
                lock.acquire();
                held++;
                lock.release();
            }
            return held;
        });
    }

    /** Two tasks contending: N acquisitions in all, each handed over by the other task's release. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int lockContended() {
        return Asyncio.run(() -> {
            Lock lock = new Lock();
            int[] held = {0};
            Task<Void> a = Asyncio.createTask(() -> contend(lock, held));
            Task<Void> b = Asyncio.createTask(() -> contend(lock, held));
            a.await();
            b.await();
            return held[0];
        });
    }

    private static Void contend(Lock lock, int[] held) {
        for (int i = 0; i < N / 2; i++) {
            lock.acquire();
            try {
                held[0]++;
                Asyncio.sleep(0);
            } finally {
                lock.release();
            }
        }
        return null;
    }

    /** A producer and a consumer task through a Queue(100): N items. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long queueProducerConsumer() {
        return producerConsumer(100);
    }

    /** A producer and a consumer task through a Queue(1): N items, a task switch each. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long queuePingPong() {
        return producerConsumer(1);
    }

    private static long producerConsumer(int maxsize) {
        return Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(maxsize);
            Task<Long> consumer = Asyncio.createTask(() -> {
                long sum = 0;
                for (int i = 0; i < N; i++) {
                    sum += q.get();
                }
                return sum;
            });
            for (int i = 0; i < N; i++) {
                q.put(i);
            }
            return consumer.await();
        });
    }
}
