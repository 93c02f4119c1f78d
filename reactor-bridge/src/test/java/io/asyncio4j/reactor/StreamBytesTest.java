package io.asyncio4j.reactor;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamReaderProtocol;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StreamReader → Flux&lt;ByteBuffer&gt; / Flux&lt;String&gt;, over real loopback sockets and fed readers. */
@ExtendWith(LoopExtension.class)
class StreamBytesTest {
    private static final int READ_SIZE = 256 * 1024;

    /** A reader that counts every byte the transport hands it: the bytes read from the socket. */
    static final class CountingReader extends StreamReader {
        long fed;

        CountingReader(int limit) {
            super(limit);
        }

        @Override
        public void feedData(ByteBuffer data) {
            fed += data.remaining();
            super.feedData(data);
        }
    }

    private static int port(Server server) throws IOException {
        return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void deliversTheWholeStreamAndCompletesAtEof() {
        long total = Asyncio.run(() -> {
            Server server = Streams.startServer((r, w) -> {
                for (int i = 0; i < 64; i++) {
                    w.write(pattern(16 * 1024, i));
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Asyncio.openConnection("127.0.0.1", port(server));
                long n = await(AsyncioReactor.bytes(c.reader(), 8192).map(b -> (long) b.remaining()).reduce(0L, Long::sum));
                c.writer().close();
                return n;
            } finally {
                server.close();
            }
        });
        assertEquals(64L * 16 * 1024, total);
    }

    /**
     * Real backpressure: with a demand of one chunk the client stops reading the socket (the
     * reader pauses the transport), so the server stalls in drain() while the bytes read from the
     * socket stay bounded; more demand resumes reading until EOF.
     */
    @Test
    void noDemandStopsReadingTheSocketAndRequestResumesIt() {
        final int limit = 16 * 1024;
        final long total = 32L * 1024 * 1024;
        long[] result = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Long> serverStalled = loop.createFuture();
            Server server = Streams.startServer((r, w) -> {
                byte[] block = pattern(64 * 1024, 7);
                long sent = 0;
                while (sent < total) {
                    w.write(block);
                    sent += block.length;
                    if (!serverStalled.done() && w.transport().getWriteBufferSize() > w.transport().getWriteBufferHighLimit()) {
                        serverStalled.setResult(sent);
                    }
                    w.drain();
                }
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                CountingReader reader = new CountingReader(limit);
                Connection<Transport, StreamReaderProtocol> conn = loop.createConnection(
                        () -> new StreamReaderProtocol(reader, loop), "127.0.0.1", port(server));
                long[] delivered = new long[1];
                Future<Void> done = loop.createFuture();
                BaseSubscriber<ByteBuffer> slow = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        request(1);
                    }

                    @Override
                    protected void hookOnNext(ByteBuffer b) {
                        delivered[0] += b.remaining();
                        // Invariant at every step: what was read from the socket and not delivered
                        // is at most the reader's pause threshold plus one socket read.
                        assertTrue(reader.fed - delivered[0] <= 2L * limit + READ_SIZE,
                                "buffered " + (reader.fed - delivered[0]) + " bytes");
                    }

                    @Override
                    protected void hookOnComplete() {
                        done.setResult(null);
                    }

                    @Override
                    protected void hookOnError(Throwable e) {
                        done.setException(e);
                    }
                };
                AsyncioReactor.bytes(reader, 4096).subscribe(slow);
                long sentWhenStalled = serverStalled.await();
                long readWhileStalled = reader.fed;
                long deliveredWhileStalled = delivered[0];
                slow.request(Long.MAX_VALUE);
                done.await();
                conn.transport().close();
                return new long[]{sentWhenStalled, readWhileStalled, deliveredWhileStalled, delivered[0]};
            } finally {
                server.close();
            }
        });
        assertTrue(result[2] <= 4096, "delivered " + result[2] + " bytes for a demand of one chunk");
        assertTrue(result[1] <= 2L * limit + READ_SIZE, "read " + result[1] + " bytes from the socket with no demand");
        assertEquals(total, result[3], "every byte arrives once demand returns");
    }

    @Test
    void cancellingStopsReadingAndClosesTheConnectionWhenAsked() {
        long serverSawEof = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Long> eof = loop.createFuture();
            Server server = Streams.startServer((r, w) -> {
                w.write(pattern(1024 * 1024, 1));
                try {
                    byte[] rest = r.read();
                    eof.setResult((long) rest.length);
                } catch (io.asyncio4j.CancelledError e) {
                    throw e;
                } catch (Exception e) {
                    // Closing with unread data may reset the connection instead of a clean EOF.
                    eof.setResult(-1L);
                }
                w.close();
            }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
            try {
                StreamPair c = Asyncio.openConnection("127.0.0.1", port(server));
                List<ByteBuffer> three = await(AsyncioReactor.bytes(c, 1000, true).take(3).collectList());
                assertEquals(3, three.size());
                assertTrue(c.writer().isClosing());
                return eof.await();
            } finally {
                server.close();
            }
        });
        assertTrue(serverSawEof <= 0, "the server's read ends (EOF or reset) once the cancelled Flux closed the connection");
    }

    @Test
    void connectionErrorErrorsTheFluxAfterTheDataBeforeIt(EventLoop loop) {
        IOException reset = new IOException("Connection reset by peer");
        loop.runUntilComplete(() -> {
            StreamReader reader = new StreamReader();
            reader.feedData("abc".getBytes(StandardCharsets.UTF_8));
            Asyncio.getRunningLoop().callLater(1, () -> reader.setException(reset));
            List<String> got = new ArrayList<>();
            IOException e = assertThrows(IOException.class, () -> {
                for (ByteBuffer b : AsyncioReactor.iterate(AsyncioReactor.bytes(reader, 2))) {
                    got.add(StandardCharsets.UTF_8.decode(b).toString());
                }
            });
            assertSame(reset, e);
            assertEquals(List.of("ab", "c"), got);
            return null;
        });
    }

    @Test
    void buffersHandedDownstreamAreNeverReused(EventLoop loop) {
        List<ByteBuffer> chunks = loop.runUntilComplete(() -> {
            StreamReader reader = new StreamReader();
            reader.feedData(pattern(10_000, 3));
            reader.feedEof();
            return await(AsyncioReactor.bytes(reader, 1000).collectList());
        });
        assertEquals(10, chunks.size());
        byte[] expected = pattern(10_000, 3);
        for (int i = 0; i < chunks.size(); i++) {
            byte[] got = new byte[1000];
            chunks.get(i).duplicate().get(got);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 1000, i * 1000 + 1000), got, "chunk " + i);
            for (int j = 0; j < i; j++) {
                assertTrue(chunks.get(i).array() != chunks.get(j).array(), "chunks share an array");
            }
        }
    }

    @Test
    void linesSplitOnNewlinesWithoutTheTerminators(EventLoop loop) {
        List<String> lines = loop.runUntilComplete(() -> {
            StreamReader reader = new StreamReader();
            reader.feedData("alpha\nbeta\r\n\ngamma é".getBytes(StandardCharsets.UTF_8));
            reader.feedEof();
            return await(AsyncioReactor.lines(reader).collectList());
        });
        assertEquals(List.of("alpha", "beta", "", "gamma é"), lines);
    }

    @Test
    void lineOverTheLimitErrorsTheFlux(EventLoop loop) {
        Throwable e = loop.runUntilComplete(() -> {
            StreamReader reader = new StreamReader(8);
            reader.feedData("short\nthis line is far too long\n".getBytes(StandardCharsets.UTF_8));
            reader.feedEof();
            return await(AsyncioReactor.lines(reader).materialize().filter(s -> s.isOnError()).map(s -> s.getThrowable()).next());
        });
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    @Test
    void aSecondSubscriberIsRefused(EventLoop loop) {
        loop.runUntilComplete(() -> {
            StreamReader reader = new StreamReader();
            reader.feedData("x".getBytes(StandardCharsets.UTF_8));
            reader.feedEof();
            Flux<ByteBuffer> flux = AsyncioReactor.bytes(reader, 10);
            assertEquals(1, await(flux.count()).intValue());
            assertThrows(IllegalStateException.class, () -> await(flux.count()));
            assertThrows(IllegalArgumentException.class, () -> AsyncioReactor.bytes(reader, 0));
            return null;
        });
    }

    @Test
    void stepVerifierSeesChunksOnDemand() {
        try (LoopThread lt = LoopThread.start()) {
            StreamReader reader = lt.call(() -> {
                StreamReader r = new StreamReader();
                r.feedData(pattern(5000, 9));
                r.feedEof();
                return r;
            });
            StepVerifier.create(AsyncioReactor.bytes(lt.loop, reader, 1000), 0)
                    .expectSubscription()
                    .thenRequest(2)
                    .expectNextCount(2)
                    .then(lt::settle)
                    .thenRequest(3)
                    .expectNextCount(3)
                    .expectComplete()
                    .verify(LoopThread.timeout());
        }
    }
}
