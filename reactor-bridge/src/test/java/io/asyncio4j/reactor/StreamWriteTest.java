package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publisher&lt;ByteBuffer&gt; → StreamWriter: {@link AsyncioReactor#writeTo(io.asyncio4j.streams.StreamWriter, org.reactivestreams.Publisher)}. */
class StreamWriteTest {
    private static final int CHUNK = 64 * 1024;

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    }

    /**
     * A publisher far faster than a peer that does not read yet: writeTo stalls in drain(), so
     * the write buffer stays near the high water mark; once the peer reads, everything arrives
     * and the Mono completes with the buffer flushed.
     */
    @Test
    void fastPublisherCannotGrowTheWriteBufferWithoutBound() {
        final long chunks = 512; // 32 MiB
        long[] r = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> startReading = loop.createFuture();
            Future<Long> received = loop.createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                startReading.await();
                long n = 0;
                while (true) {
                    byte[] b = reader.read(CHUNK);
                    if (b.length == 0) {
                        break;
                    }
                    n += b.length;
                }
                received.setResult(n);
                writer.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Asyncio.openConnection("127.0.0.1", port(server));
                AtomicLong maxBuffered = new AtomicLong();
                AtomicLong emitted = new AtomicLong();
                int high = c.writer().transport().getWriteBufferHighLimit();
                Flux<ByteBuffer> source = Flux.range(0, (int) chunks).map(i -> {
                    emitted.incrementAndGet();
                    return ByteBuffer.allocate(CHUNK);
                });
                Task<Void> write = Asyncio.createTask(() -> await(AsyncioReactor.writeTo(c.writer(), source)));
                // Watch the write buffer, yielding between looks (no timed wait), until the writer
                // has filled the socket and stalls above the high water mark in drain().
                while (!write.done() && c.writer().transport().getWriteBufferSize() <= high) {
                    Asyncio.sleep(0);
                }
                long stalledAt = emitted.get();
                for (int i = 0; i < 100 && !write.done(); i++) {
                    maxBuffered.accumulateAndGet(c.writer().transport().getWriteBufferSize(), Math::max);
                    Asyncio.sleep(0);
                }
                assertTrue(emitted.get() - stalledAt <= 8, "the source kept producing while the writer was stalled");
                startReading.setResult(null);
                write.await();
                long left = c.writer().transport().getWriteBufferSize();
                c.writer().writeEof();
                long got = received.await();
                c.writer().close();
                return new long[]{maxBuffered.get(), left, got, high};
            } finally {
                server.close();
            }
        });
        assertTrue(r[0] <= r[3] + 2L * CHUNK, "write buffer grew to " + r[0] + " bytes (high water " + r[3] + ")");
        assertEquals(0, r[1], "the Mono completes after the last write is flushed");
        assertEquals(chunks * CHUNK, r[2]);
    }

    @Test
    void publisherErrorErrorsTheMono() {
        IllegalStateException boom = new IllegalStateException("source failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                reader.read();
                writer.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Asyncio.openConnection("127.0.0.1", port(server));
                try {
                    return await(AsyncioReactor.writeTo(c.writer(),
                            Flux.just(ByteBuffer.wrap(new byte[]{1, 2})).concatWith(Flux.error(boom))));
                } finally {
                    c.writer().close();
                }
            } finally {
                server.close();
            }
        }));
        assertSame(boom, thrown);
    }

    @Test
    void writesEveryByteInOrder() {
        String got = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> received = loop.createFuture();
            Server server = Streams.startServer((reader, writer) -> {
                received.setResult(new String(reader.read(), java.nio.charset.StandardCharsets.US_ASCII));
                writer.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Asyncio.openConnection("127.0.0.1", port(server));
                await(AsyncioReactor.writeTo(c.writer(), Flux.just("a", "bc", "def")
                        .map(s -> ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
                c.writer().writeEof();
                String s = received.await();
                c.writer().close();
                return s;
            } finally {
                server.close();
            }
        });
        assertEquals("abcdef", got);
    }
}
