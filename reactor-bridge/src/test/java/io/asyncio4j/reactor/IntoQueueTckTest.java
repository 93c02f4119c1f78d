package io.asyncio4j.reactor;

import io.asyncio4j.sync.Queue;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#intoQueue(io.asyncio4j.EventLoop, Publisher, Queue)}:
 * a {@code Mono<Void>}, so only the rules for a publisher of no elements apply.
 */
public class IntoQueueTckTest extends LoopPublisherVerification<Void> {

    @Override
    public Publisher<Void> createPublisher(long elements) {
        Queue<Integer> q = tl.call(Queue::new);
        return AsyncioReactor.intoQueue(tl.loop, Flux.range(0, 10), q);
    }

    @Override
    public Publisher<Void> createFailedPublisher() {
        Queue<Integer> q = tl.call(Queue::new);
        return AsyncioReactor.intoQueue(tl.loop, Flux.<Integer>error(new IllegalStateException("failed source")), q);
    }

    @Override
    public long maxElementsFromPublisher() {
        return 0;
    }
}
