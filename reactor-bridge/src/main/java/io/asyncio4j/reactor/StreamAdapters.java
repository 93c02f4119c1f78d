package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.WriteTransport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Streams as publishers and sinks, built on the generator Flux and {@code iterate}: at most one
 * piece is read ahead of demand, so the reader's own flow control (pause the transport above
 * twice its limit) turns "no demand" into "stop reading the socket"; writes go through
 * {@code drain()}.
 */
final class StreamAdapters {
    private StreamAdapters() {
    }

    static Flux<ByteBuffer> bytes(EventLoop loop, StreamReader reader, int chunkSize, StreamWriter closeOnCancel) {
        // read() hands out an array the reader no longer holds: the subscriber owns it.
        return pieces(loop, reader, closeOnCancel, r -> r.read(chunkSize), ByteBuffer::wrap);
    }

    static Flux<String> lines(EventLoop loop, StreamReader reader, Charset charset, StreamWriter closeOnCancel) {
        return pieces(loop, reader, closeOnCancel, StreamReader::readline, line -> decodeLine(line, charset));
    }

    /**
     * Emits what {@code read} takes from the reader until EOF (an empty piece). The next piece is
     * read without waiting for demand, so EOF and a connection error end the Flux as soon as they
     * arrive; a piece the subscriber did not get (it cancelled first) goes back into the reader.
     * Closes {@code closeOnCancel} when the subscriber leaves before the end.
     */
    private static <T> Flux<T> pieces(EventLoop loop, StreamReader reader, StreamWriter closeOnCancel,
                                      Function<StreamReader, byte[]> read, Function<byte[], T> map) {
        AtomicBoolean subscribed = new AtomicBoolean();
        return AsyncioReactor.flux(loop, out -> {
            claim(subscribed, reader);
            boolean finished = false;
            try {
                while (true) {
                    byte[] piece = read.apply(reader);
                    if (piece.length == 0) {
                        finished = true;
                        return;
                    }
                    HandOver.emitOrGiveBack(out, map.apply(piece), () -> reader.unread(piece));
                }
            } finally {
                if (!finished && closeOnCancel != null) {
                    closeOnCancel.close();
                }
            }
        });
    }

    /** A reader feeds one consumer: a second concurrent subscriber would steal its bytes. */
    private static void claim(AtomicBoolean subscribed, StreamReader reader) {
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("a Flux over " + reader + " allows a single subscriber");
        }
    }

    private static String decodeLine(byte[] line, Charset charset) {
        int n = line.length;
        if (n > 0 && line[n - 1] == '\n') {
            n--;
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
        }
        return new String(line, 0, n, charset);
    }

    static Mono<Void> writeTo(EventLoop loop, StreamWriter writer, Publisher<ByteBuffer> source, int prefetch) {
        return AsyncioReactor.mono(loop, () -> {
            try (CloseableIterable<ByteBuffer> chunks = AsyncioReactor.iterate(source, prefetch)) {
                for (ByteBuffer chunk : chunks) {
                    writer.write(chunk);
                    writer.drain();
                }
            }
            flush(writer);
            return null;
        });
    }

    /** Waits until the transport's buffer is empty: drain() with the water marks at zero. */
    private static void flush(StreamWriter writer) {
        WriteTransport t = writer.transport();
        if (t.getWriteBufferSize() == 0) {
            writer.drain();
            return;
        }
        int high = t.getWriteBufferHighLimit();
        int low = t.getWriteBufferLowLimit();
        t.setWriteBufferLimits(0, 0);
        try {
            writer.drain();
        } finally {
            t.setWriteBufferLimits(high, low);
        }
    }
}
