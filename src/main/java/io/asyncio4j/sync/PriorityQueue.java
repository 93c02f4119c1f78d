package io.asyncio4j.sync;

import java.util.Comparator;

/**
 * A {@link Queue} that returns its smallest item first: asyncio's {@code asyncio.PriorityQueue}
 * (a binary heap, as Python's {@code heapq}). Items are ordered by a {@link Comparator}, or by
 * their natural order when they are {@link Comparable}. Everything else (bounds, waiting,
 * {@code taskDone}/{@code join}, shutdown, threading) is as in {@link Queue}.
 *
 * <p>As with {@code heapq}, items that compare equal come out in no particular order; add a
 * sequence number to the key when the order of equal items matters.
 *
 * <p><b>Differences from asyncio.</b> Python compares entries such as {@code (priority, data)}
 * tuples; in Java pass a comparator (e.g. {@code Comparator.comparingInt(Job::priority)}).
 * Putting an item that is not {@link Comparable} into a queue without a comparator throws
 * {@link ClassCastException}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** Creates an unbounded priority queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * Creates a priority queue of {@link Comparable} items.
     *
     * @param maxsize the most items it holds; {@code <= 0} for no limit
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates an unbounded priority queue.
     *
     * @param comparator the order, smallest first
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * Creates a priority queue.
     *
     * @param maxsize the most items it holds; {@code <= 0} for no limit
     * @param comparator the order, smallest first, or {@code null} for the items' natural order
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}
