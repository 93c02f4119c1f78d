package io.asyncio4j.reactor;

import io.asyncio4j.Future;
import org.reactivestreams.Publisher;

/** Reactive Streams TCK for {@link AsyncioReactor#merge(Future[])}: one task per element. */
public class MergeTckTest extends LoopPublisherVerification<Long> {

    @Override
    public Publisher<Long> createPublisher(long elements) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Future<Long>[] tasks = new Future[(int) elements];
        for (int i = 0; i < elements; i++) {
            long value = i;
            tasks[i] = tl.task(() -> value);
        }
        return AsyncioReactor.merge(tasks);
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        Future<Long> never = tl.call(() -> tl.loop.createFuture());
        Future<Long> failed = tl.task(() -> {
            throw new IllegalStateException("failed task");
        });
        return AsyncioReactor.merge(never, failed);
    }

    @Override
    public long maxElementsFromPublisher() {
        return ENDLESS;
    }
}
