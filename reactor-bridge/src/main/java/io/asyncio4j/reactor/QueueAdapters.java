package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.QueueAccess;
import io.asyncio4j.sync.Queue;
import io.asyncio4j.sync.QueueShutDown;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    static <T> Mono<Void> intoQueue(EventLoop loop, Publisher<? extends T> source, Queue<T> queue, int prefetch) {
        return AsyncioReactor.mono(loop, () -> {
            try (CloseableIterable<? extends T> items = AsyncioReactor.iterate(source, prefetch)) {
                for (T item : items) {
                    queue.put(item);
                }
            }
            return null;
        });
    }
}
