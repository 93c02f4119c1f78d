package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.bridge.QueueAccess;
import io.asyncio4j.sync.Queue;
import io.asyncio4j.sync.QueueShutDown;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/** asyncio4j {@link Queue} ↔ Flux, on the generator Flux and {@code iterate}. */
final class QueueAdapters {
    private QueueAdapters() {
    }

    static <T> Flux<T> fromQueue(EventLoop loop, Queue<T> queue) {
        return AsyncioReactor.flux(loop, out -> {
            while (true) {
                T item;
                try {
                    // Waits without demand, so that a shut-down, empty queue completes the Flux at once.
                    item = queue.get();
                } catch (QueueShutDown shutDown) {
                    return;
                }
                HandOver.emitOrGiveBack(out, item, () -> QueueAccess.returnTaken(queue, item));
                queue.taskDone();
            }
        });
    }

    /**
     * Puts every item of {@code source} into {@code queue}. Items the source delivered that do not
     * make it into the queue (the Mono was cancelled, or the queue shut down, while an item
     * waited in {@code put()} or in the prefetch buffer) go to the subscriber's discard hook
     * ({@code doOnDiscard}), so nothing vanishes unseen.
     */
    @SuppressWarnings("unchecked")
    static <T> Mono<Void> intoQueue(EventLoop loop, Publisher<? extends T> source, Queue<T> queue, int prefetch) {
        return Mono.deferContextual(view -> AsyncioReactor.mono(loop, () -> {
            Context discard = Context.of(view);
            try (PublisherIterable<T> items = new PublisherIterable<>((Publisher<T>) source, loop, prefetch, discard)) {
                for (T item : items) {
                    try {
                        queue.put(item);
                    } catch (Throwable e) {
                        Operators.onDiscard(item, discard);
                        throw e;
                    }
                }
            }
            return null;
        }));
    }
}
