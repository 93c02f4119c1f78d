package io.asyncio4j.internal.bridge;

import io.asyncio4j.sync.Queue;

import java.util.Objects;

/**
 * Lets adapters outside {@code io.asyncio4j.sync} (the Reactor bridge's {@code fromQueue}) give
 * back an item they took with {@link Queue#get()} but could not deliver, so that it is the next
 * item {@code get()} returns. Not public API: asyncio's queue has no such operation.
 */
public final class QueueAccess {
    /** What {@link Queue} installs when its class is initialised. */
    public interface Returns {
        /**
         * Puts {@code item} back at the head of {@code queue}.
         *
         * @param queue the queue it was taken from
         * @param item the item
         */
        void returnTaken(Queue<?> queue, Object item);
    }

    private static volatile Returns returns;

    private QueueAccess() {
    }

    /**
     * Installs the queue's implementation; called once by {@link Queue}.
     *
     * @param impl the implementation
     */
    public static void install(Returns impl) {
        returns = Objects.requireNonNull(impl, "impl");
    }

    /**
     * Puts {@code item}, taken from {@code queue} with {@code get()} and not yet marked with
     * {@code taskDone()}, back where the next {@code get()} takes it first (the head of a FIFO or
     * LIFO queue, its place by priority in a priority queue), and wakes a waiting consumer. The
     * item stays unfinished for {@code join()}. It goes back even if the queue is full or shut
     * down: it was already counted in the queue.
     *
     * @param queue the queue it was taken from
     * @param item the item
     * @param <T> the item type
     */
    public static <T> void returnTaken(Queue<T> queue, T item) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(item, "item");
        // An instance exists, so Queue's static initialiser has run and installed the implementation.
        returns.returnTaken(queue, item);
    }
}
