package io.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that returns the most recently added item first: asyncio's
 * {@code asyncio.LifoQueue}. Everything else (bounds, waiting, {@code taskDone}/{@code join},
 * shutdown, threading) is as in {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    /** Creates an unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue.
     *
     * @param maxsize the most items it holds; {@code <= 0} for no limit
     */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
