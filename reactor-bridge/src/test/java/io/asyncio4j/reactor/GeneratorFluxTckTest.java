package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;

/** Reactive Streams TCK for {@link AsyncioReactor#flux(io.asyncio4j.EventLoop, io.asyncio4j.reactor.Generator)}. */
public class GeneratorFluxTckTest extends LoopPublisherVerification<Long> {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return AsyncioReactor.flux(tl.loop, out -> {
            for (long i = 0; i < elements; i++) {
                out.emit(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return AsyncioReactor.flux(tl.loop, out -> {
            throw new IllegalStateException("failed generator");
        });
    }
}
