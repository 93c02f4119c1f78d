package io.asyncio4j.reactor;

import io.asyncio4j.streams.StreamReader;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#bytes(io.asyncio4j.EventLoop, StreamReader, int)},
 * over a reader of n chunks and, for the Long.MAX_VALUE demand rules, an endless one.
 */
public class StreamBytesTckTest extends LoopPublisherVerification<ByteBuffer> {
    private static final int CHUNK = 16;
    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        if (elements > LoopPublisherVerification.ENDLESS) {
            return AsyncioReactor.bytes(tl.loop, tl.call(EndlessReaders::bytes), CHUNK);
        }
        StreamReader reader = tl.call(() -> {
            StreamReader r = new StreamReader();
            r.feedData(new byte[(int) elements * CHUNK]);
            r.feedEof();
            return r;
        });
        return AsyncioReactor.bytes(tl.loop, reader, CHUNK);
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        StreamReader reader = tl.call(() -> {
            StreamReader r = new StreamReader();
            r.setException(new IOException("connection reset"));
            return r;
        });
        return AsyncioReactor.bytes(tl.loop, reader, CHUNK);
    }
}
