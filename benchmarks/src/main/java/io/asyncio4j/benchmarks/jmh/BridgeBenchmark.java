package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.reactor.AsyncioReactor;
import io.asyncio4j.reactor.CloseableIterable;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the Reactor bridge costs (issue 5's benchmarks).
 *
 * <ul>
 *   <li>Per value, inside a task: await a task directly, await {@code mono(task)}, await
 *       {@code Mono.fromCompletionStage(task.toCompletableFuture())}. Target: the bridge adds at
 *       most 1 µs per value over the direct await.</li>
 *   <li>Across threads: {@code mono(loop, coro).block()} against
 *       {@code runCoroutineThreadsafe(coro, loop).join()} and its
 *       {@code Mono.fromCompletionStage} wrapper.</li>
 *   <li>Throughput of a TCP stream read through {@code bytes(reader, chunk)} against the raw
 *       {@code StreamReader.read(chunk)} loop (target ≥ 0.9×), per MiB.</li>
 * </ul>
 *
 * Run: {@code java -cp ... org.openjdk.jmh.Main BridgeBenchmark -wi 2 -i 3 -f 1
 * -jvmArgsAppend "--add-opens java.base/java.lang=ALL-UNNAMED"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/java.lang=ALL-UNNAMED")
public class BridgeBenchmark {
    static final int VALUES = 1000;
    static final int MIB = 1024 * 1024;
    static final int STREAM_MIB = 16;
    static final int CHUNK = 64 * 1024;

    /** A loop driven by the benchmark thread: each invocation runs one main task. */
    @State(Scope.Thread)
    public static class InLoop {
        EventLoop loop;

        @Setup(Level.Trial)
        public void setUp() {
            loop = Asyncio.newEventLoop();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            loop.close();
        }
    }

    /** A loop running on its own thread, for the cross-thread cases. */
    @State(Scope.Benchmark)
    public static class OtherThread {
        EventLoop loop;
        Thread thread;

        @Setup(Level.Trial)
        public void setUp() {
            loop = Asyncio.newEventLoop();
            thread = new Thread(loop::runForever, "bench-loop");
            thread.setDaemon(true);
            thread.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            loop.callSoonThreadsafe(loop::stop);
            thread.join();
            loop.close();
        }
    }

    /** A server sending {@value #STREAM_MIB} MiB on each connection. */
    @State(Scope.Thread)
    public static class Stream {
        EventLoop loop;
        Server server;
        int port;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            loop = Asyncio.newEventLoop();
            byte[] block = new byte[CHUNK];
            server = loop.runUntilComplete(() -> Streams.startServer((r, w) -> {
                for (int i = 0; i < STREAM_MIB * (MIB / CHUNK); i++) {
                    w.write(block);
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT));
            port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            server.close();
            loop.close();
        }
    }

    // ---- per value, inside a task --------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long awaitTaskDirectly(InLoop s) {
        return s.loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < VALUES; i++) {
                int v = i;
                Task<Integer> t = Asyncio.createTask(() -> v);
                sum += t.await();
            }
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long awaitMonoFromTask(InLoop s) {
        return s.loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < VALUES; i++) {
                int v = i;
                Task<Integer> t = Asyncio.createTask(() -> v);
                sum += AsyncioReactor.await(AsyncioReactor.mono(t));
            }
            return sum;
        });
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public long awaitMonoFromCompletionStage(InLoop s) {
        return s.loop.runUntilComplete(() -> {
            long sum = 0;
            for (int i = 0; i < VALUES; i++) {
                int v = i;
                Task<Integer> t = Asyncio.createTask(() -> v);
                CompletableFuture<Integer> cf = t.toCompletableFuture();
                sum += AsyncioReactor.await(Mono.fromCompletionStage(cf));
            }
            return sum;
        });
    }

    // ---- across threads ----------------------------------------------------------------------

    @Benchmark
    public Integer blockOnMonoFromCoroutine(OtherThread s) {
        return AsyncioReactor.mono(s.loop, () -> 1).block();
    }

    @Benchmark
    public Integer joinRunCoroutineThreadsafe(OtherThread s) {
        return Asyncio.runCoroutineThreadsafe(() -> 1, s.loop).join();
    }

    @Benchmark
    public Integer blockOnMonoFromCompletionStage(OtherThread s) {
        return Mono.fromCompletionStage(() -> Asyncio.runCoroutineThreadsafe(() -> 1, s.loop)).block();
    }

    // ---- stream throughput (time per MiB) ----------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(STREAM_MIB)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long rawStreamReader(Stream s) {
        return s.loop.runUntilComplete(() -> {
            StreamPair c = Asyncio.openConnection("127.0.0.1", s.port);
            long n = 0;
            while (true) {
                byte[] b = c.reader().read(CHUNK);
                if (b.length == 0) {
                    break;
                }
                n += b.length;
            }
            c.writer().close();
            return n;
        });
    }

    @Benchmark
    @OperationsPerInvocation(STREAM_MIB)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long fluxOfByteBuffers(Stream s) {
        return s.loop.runUntilComplete(() -> {
            StreamPair c = Asyncio.openConnection("127.0.0.1", s.port);
            long n = 0;
            try (CloseableIterable<ByteBuffer> chunks = AsyncioReactor.iterate(AsyncioReactor.bytes(c.reader(), CHUNK), 16)) {
                for (ByteBuffer b : chunks) {
                    n += b.remaining();
                }
            }
            c.writer().close();
            return n;
        });
    }
}
