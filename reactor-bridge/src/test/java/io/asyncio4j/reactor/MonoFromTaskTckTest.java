package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;

/** Reactive Streams TCK for {@link AsyncioReactor#mono(io.asyncio4j.Future)} (a hot task). */
public class MonoFromTaskTckTest extends LoopPublisherVerification<String> {
    @Override
    public Publisher<String> createPublisher(long elements) {
        return AsyncioReactor.mono(tl.task(() -> elements == 0 ? null : "value"));
    }

    @Override
    public Publisher<String> createFailedPublisher() {
        return AsyncioReactor.mono(tl.task(() -> {
            throw new IllegalStateException("failed task");
        }));
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
