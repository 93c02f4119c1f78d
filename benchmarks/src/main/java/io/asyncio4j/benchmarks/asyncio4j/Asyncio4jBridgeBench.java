package io.asyncio4j.benchmarks.asyncio4j;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.getRunningLoop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.benchmarks.peers.Out;
import io.asyncio4j.reactor.AsyncioReactor;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.transports.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The bridge suite: what Reactor costs on top of asyncio4j.
 * <ul>
 *   <li>{@code mono-from-task}: await N {@code Mono}s, each made from a fresh task that returns at
 *       once; ns per Mono.</li>
 *   <li>{@code flux-bytes}: N chunks of 64 KiB through a loopback socket, read on the receiving
 *       side as {@code Flux<ByteBuffer>}; MiB/s.</li>
 *   <li>{@code raw-streams}: the same transfer read with {@code StreamReader.read}; MiB/s.</li>
 * </ul>
 * Usage: {@code --case mono-from-task|flux-bytes|raw-streams [--n N] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class Asyncio4jBridgeBench {
    private static final int CHUNK = 64 * 1024;

    private Asyncio4jBridgeBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        StrandMode.check();
        String c = o.getOrDefault("case", "mono-from-task");
        int n = Out.intOption(o, "n", 100_000);
        switch (c) {
            case "mono-from-task" -> {
                Out.warmUp(o, () -> Asyncio.run(() -> monoFromTask(n)));
                Out.emit(c, "mono", (double) Asyncio.run(() -> monoFromTask(n)) / n, "ns/mono");
            }
            case "flux-bytes", "raw-streams" -> {
                boolean flux = c.equals("flux-bytes");
                Out.warmUp(o, () -> Asyncio.run(() -> transfer(n, flux)));
                long ns = Asyncio.run(() -> transfer(n, flux));
                Out.emit(c, "throughput", (double) n * CHUNK / (1 << 20) / (ns / 1e9), "MiB/s");
            }
            default -> throw new IllegalArgumentException("unknown case " + c);
        }
    }

    static long monoFromTask(int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int value = i;
            AsyncioReactor.await(AsyncioReactor.mono(getRunningLoop().createTask(() -> value)));
        }
        return System.nanoTime() - start;
    }

    /** Sends n chunks to a local server that counts them, reading with Flux or with read(). */
    static long transfer(int n, boolean flux) throws IOException {
        long total = (long) n * CHUNK;
        var received = getRunningLoop().<Long>createFuture();
        Server server = Asyncio.startServer((StreamReader reader, StreamWriter writer) -> {
            long got = 0;
            if (flux) {
                got = AsyncioReactor.await(AsyncioReactor.bytes(reader, CHUNK).reduce(0L, (sum, b) -> sum + b.remaining()));
            } else {
                for (byte[] b = reader.read(CHUNK); b.length > 0; b = reader.read(CHUNK)) got += b.length;
            }
            received.setResult(got);
            writer.close();
        }, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        StreamPair connection = Asyncio.openConnection("127.0.0.1", port);
        byte[] chunk = new byte[CHUNK];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            connection.writer().write(chunk);
            connection.writer().drain();
        }
        connection.writer().close();
        long got = await(received);
        long elapsed = System.nanoTime() - start;
        server.close();
        if (got != total) throw new IllegalStateException("received " + got + " of " + total + " bytes");
        return elapsed;
    }
}
