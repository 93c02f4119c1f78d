package io.asyncio4j.reactor;

import io.asyncio4j.streams.StreamReader;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#lines(io.asyncio4j.EventLoop, StreamReader, java.nio.charset.Charset)},
 * over a reader of n lines and, for the Long.MAX_VALUE demand rules, an endless one.
 */
public class StreamLinesTckTest extends LoopPublisherVerification<String> {
    @Override
    public Publisher<String> createPublisher(long elements) {
        if (elements > LoopPublisherVerification.ENDLESS) {
            return AsyncioReactor.lines(tl.loop, tl.call(EndlessReaders::lines), StandardCharsets.UTF_8);
        }
        StreamReader reader = tl.call(() -> {
            StreamReader r = new StreamReader();
            r.feedData("line\n".repeat((int) elements).getBytes(StandardCharsets.UTF_8));
            r.feedEof();
            return r;
        });
        return AsyncioReactor.lines(tl.loop, reader, StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<String> createFailedPublisher() {
        StreamReader reader = tl.call(() -> {
            StreamReader r = new StreamReader();
            r.setException(new IOException("connection reset"));
            return r;
        });
        return AsyncioReactor.lines(tl.loop, reader, StandardCharsets.UTF_8);
    }
}
