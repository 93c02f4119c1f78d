package io.asyncio4j.reactor;

import io.asyncio4j.sync.Queue;
import org.reactivestreams.Publisher;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#fromQueue(io.asyncio4j.EventLoop, Queue)}, over a
 * shut-down queue of n items and, for the Long.MAX_VALUE demand rules, an endless one.
 */
public class QueueFluxTckTest extends LoopPublisherVerification<Long> {
    @Override
    public Publisher<Long> createPublisher(long elements) {
        if (elements > LoopPublisherVerification.ENDLESS) {
            return AsyncioReactor.fromQueue(tl.loop, endlessQueue());
        }
        Queue<Long> q = tl.call(() -> {
            Queue<Long> queue = new Queue<>();
            for (long i = 0; i < elements; i++) {
                queue.putNowait(i);
            }
            queue.shutdown();
            return queue;
        });
        return AsyncioReactor.fromQueue(tl.loop, q);
    }

    /** A bounded queue that a producer task keeps filling, for the Long.MAX_VALUE demand rules. */
    private Queue<Long> endlessQueue() {
        Queue<Long> q = tl.call(() -> new Queue<Long>(16));
        tl.task(() -> {
            for (long i = 0; ; i++) {
                q.put(i);
            }
        });
        return q;
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return null; // a queue has no error state
    }
}
