package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import org.reactivestreams.Publisher;

/** Reactive Streams TCK for {@link AsyncioReactor#mono(io.asyncio4j.EventLoop, io.asyncio4j.Coroutine)} (cold). */
public class MonoFromCoroutineTckTest extends LoopPublisherVerification<Long> {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        return AsyncioReactor.mono(tl.loop, () -> {
            Asyncio.sleep(0);
            return elements == 0 ? null : elements;
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return AsyncioReactor.mono(tl.loop, () -> {
            throw new IllegalStateException("failed coroutine");
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
