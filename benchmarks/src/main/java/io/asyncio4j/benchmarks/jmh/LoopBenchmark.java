package io.asyncio4j.benchmarks.jmh;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * asyncio4j's own micro costs, in fast strand mode (the fork's JVM flags). Each invocation runs
 * one loop ({@code Asyncio.run}) for {@value #OPS} operations so loop start-up is amortised.
 * Portable mode: {@code benchmarks/run jmh LoopBenchmark -jvmArgsAppend -Dasyncio4j.strands=portable}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dasyncio4j.strands=fast"})
public class LoopBenchmark {
    static final int OPS = 10_000;

    /** A task awaits a future that a callSoon callback completes: park, callback, wake. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int futureCompletedByCallback() {
        return Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            int sum = 0;
            for (int i = 0; i < OPS; i++) {
                Future<Integer> f = loop.createFuture();
                int value = i;
                loop.callSoon(() -> f.setResult(value));
                sum += await(f);
            }
            return sum;
        });
    }

    /** {@code sleep(0)}: the task yields to the loop and is resumed in the next iteration. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int yieldToLoop() {
        return Asyncio.run(() -> {
            for (int i = 0; i < OPS; i++) sleep(0);
            return OPS;
        });
    }

    /** callSoon alone: schedule and run a callback, no task switch. */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int callSoonCallback() {
        return Asyncio.run(() -> {
            EventLoop loop = getRunningLoop();
            int[] count = {0};
            Future<Void> done = loop.createFuture();
            for (int i = 0; i < OPS; i++) {
                loop.callSoon(() -> {
                    if (++count[0] == OPS) done.setResult(null);
                });
            }
            await(done);
            return count[0];
        });
    }
}
