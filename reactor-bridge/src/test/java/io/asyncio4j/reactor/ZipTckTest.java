package io.asyncio4j.reactor;

import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.reactivestreams.Publisher;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#zip(Future[])} and the typed
 * {@link AsyncioReactor#zip(Future, Future)}: one element is the list form, none the typed form
 * over a task returning null (which completes empty); the failed publisher zips a failed task
 * with one that never ends.
 */
public class ZipTckTest extends LoopPublisherVerification<Object> {

    @Override
    @SuppressWarnings("unchecked")
    public Publisher<Object> createPublisher(long elements) {
        Task<String> a = tl.task(() -> "a");
        if (elements == 0) {
            Task<String> none = tl.task(() -> null);
            return (Publisher<Object>) (Publisher<?>) AsyncioReactor.zip(a, none);
        }
        Task<Integer> b = tl.task(() -> 2);
        return (Publisher<Object>) (Publisher<?>) AsyncioReactor.zip(new Future<?>[] {a, b});
    }

    @Override
    @SuppressWarnings("unchecked")
    public Publisher<Object> createFailedPublisher() {
        Future<String> never = tl.call(() -> tl.loop.createFuture());
        Task<String> failed = tl.task(() -> {
            throw new IllegalStateException("failed task");
        });
        return (Publisher<Object>) (Publisher<?>) AsyncioReactor.zip(never, failed);
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
