package io.asyncio4j.benchmarks.jmh;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Floor costs the event loop is built from, measured with JMH: a round trip through a
 * {@link SynchronousQueue} to an echoing virtual thread, and completing a
 * {@link CompletableFuture} with a dependent callback (the shape of a done-callback).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VirtualThreadHandoffBenchmark {
    private final SynchronousQueue<Integer> toEcho = new SynchronousQueue<>();
    private final SynchronousQueue<Integer> fromEcho = new SynchronousQueue<>();
    private Thread echo;

    /** Starts the virtual thread that answers every handoff. */
    @Setup(Level.Trial)
    public void start() {
        echo = Thread.ofVirtual().start(() -> {
            try {
                while (true) fromEcho.put(toEcho.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Stops the echoing thread. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        echo.interrupt();
        echo.join();
    }

    /** One round trip: platform thread → virtual thread → platform thread. */
    @Benchmark
    public Integer synchronousQueueRoundTrip() throws InterruptedException {
        toEcho.put(1);
        return fromEcho.take();
    }

    /** Complete a future that has one dependent callback. */
    @Benchmark
    public Integer completableFutureCallback() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        CompletableFuture<Integer> g = f.thenApply(x -> x + 1);
        f.complete(1);
        return g.join();
    }
}
