package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.internal.bridge.QueueAccess;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;

/**
 * A FIFO queue for producer and consumer tasks: asyncio's {@code asyncio.Queue}.
 *
 * <p>With {@code maxsize <= 0} the queue is unbounded; otherwise {@link #put} suspends while it
 * holds {@code maxsize} items. {@link #get} suspends while it is empty. Waiting producers and
 * consumers are served in FIFO order; one cancelled just as it was woken passes the wake-up on.
 * {@link #taskDone()} and {@link #join()} track the processing of items, and
 * {@link #shutdown(boolean)} (Python 3.13) ends the queue: blocked and later calls get
 * {@link QueueShutDown}.
 *
 * {@snippet :
 * Queue<String> q = new Queue<>(100);
 * Asyncio.createTask(() -> {
 *     while (true) {
 *         String url = q.get();
 *         try { fetch(url); } finally { q.taskDone(); }
 *     }
 * });
 * for (String url : urls) q.put(url);
 * q.join();                               // every item processed
 * }
 *
 * <p>Because a loop runs one task at a time, {@link #qsize()} is exact between two
 * suspensions, unlike a threaded queue's.
 *
 * <p><b>Threading.</b> Use it from the tasks and callbacks of one loop (see the package
 * documentation). From another thread, hand items over with
 * {@code loop.callSoonThreadsafe(() -> q.putNowait(item))}.
 *
 * <p><b>Differences from asyncio.</b> {@code null} items are refused with a
 * {@link NullPointerException} (as by Java's own queues). {@code maxsize} is an {@code int}.
 * {@link #taskDone()} called too often throws {@link IllegalStateException} (Python:
 * {@code ValueError}). {@link #toString()} has the form of asyncio's {@code repr}.
 *
 * @param <T> the item type
 */
public class Queue<T> extends LoopBound {
    static {
        QueueAccess.install(Queue::returnTakenUnchecked);
    }

    private final int maxsize;
    private final java.util.Queue<T> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private boolean isShutdown;

    /** Creates an unbounded FIFO queue. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a FIFO queue.
     *
     * @param maxsize the most items it holds; {@code <= 0} for no limit
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** For the subclasses: {@code items} decides the order ({@code offer} puts, {@code poll} gets). */
    Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
        // Not set(): creating a queue must not bind its event to whatever loop is running.
        finished.setUnchecked();
    }

    /** {@return the number of items in the queue} asyncio's {@code qsize()}. */
    public final int qsize() {
        return items.size();
    }

    /** {@return the most items the queue holds; {@code <= 0} means no limit} asyncio's {@code maxsize}. */
    public final int maxsize() {
        return maxsize;
    }

    /** {@return whether the queue holds no item} asyncio's {@code empty()}. */
    public final boolean empty() {
        return items.isEmpty();
    }

    /** {@return whether the queue holds {@code maxsize} items; never for an unbounded queue} asyncio's {@code full()}. */
    public final boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /**
     * Puts an item, first suspending the current task while the queue is full: asyncio's
     * {@code put()}.
     *
     * @param item the item
     * @throws QueueShutDown if the queue is (or, while waiting, gets) shut down
     * @throws CancelledError if the task is cancelled while waiting (nothing is put)
     * @throws NullPointerException if {@code item} is null
     */
    public final void put(T item) {
        Objects.requireNonNull(item, "Queue does not accept null items");
        checkLoop();
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = loopForWait("put").createFuture();
            putters.addLast(putter);
            try {
                putter.await();
            } catch (Throwable e) {
                putter.cancel();
                // getNowait() or shutdown() may already have taken it out of the deque.
                putters.remove(putter);
                if (!full() && !putter.cancelled()) {
                    // We were woken for a free slot we will not use: pass it on.
                    wakeUpNext(putters);
                }
                throw e;
            }
        }
        putNowait(item);
    }

    /**
     * Puts an item without waiting: asyncio's {@code put_nowait()}.
     *
     * @param item the item
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue is shut down
     * @throws NullPointerException if {@code item} is null
     */
    public final void putNowait(T item) {
        Objects.requireNonNull(item, "Queue does not accept null items");
        checkLoop();
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        items.offer(item);
        unfinishedTasks++;
        finished.clearUnchecked();
        wakeUpNext(getters);
    }

    /**
     * Removes and returns the next item, first suspending the current task while the queue is
     * empty: asyncio's {@code get()}.
     *
     * @return the item
     * @throws QueueShutDown if the queue is shut down and empty (or shut down immediately)
     * @throws CancelledError if the task is cancelled while waiting (no item is taken)
     */
    public final T get() {
        checkLoop();
        while (items.isEmpty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = loopForWait("get").createFuture();
            getters.addLast(getter);
            try {
                getter.await();
            } catch (Throwable e) {
                getter.cancel();
                getters.remove(getter);
                if (!items.isEmpty() && !getter.cancelled()) {
                    // We were woken for an item we will not take: pass it on.
                    wakeUpNext(getters);
                }
                throw e;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item without waiting: asyncio's {@code get_nowait()}.
     *
     * @return the item
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public final T getNowait() {
        checkLoop();
        T item = items.poll();
        if (item == null) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        wakeUpNext(putters);
        return item;
    }

    /**
     * Marks one item taken by {@link #get} as processed: asyncio's {@code task_done()}. When
     * every item put has been marked, {@link #join()} returns.
     *
     * @throws IllegalArgumentException (asyncio's ValueError) if called more times than items were put
     */
    public final void taskDone() {
        checkLoop();
        if (unfinishedTasks <= 0) {
            throw new IllegalArgumentException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.setUnchecked();
        }
    }

    /**
     * Suspends the current task until every item put has been marked with {@link #taskDone()}:
     * asyncio's {@code join()}. Returns at once if there is none.
     *
     * @throws CancelledError if the task is cancelled while waiting
     */
    public final void join() {
        checkLoop();
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    /**
     * Shuts the queue down, keeping its items for {@link #get}: {@code shutdown(false)}.
     */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down: asyncio's {@code shutdown(immediate)} (Python 3.13). Later puts
     * throw {@link QueueShutDown}; gets do too once the queue is empty. With {@code immediate},
     * the remaining items are discarded (each counted as done, which may release
     * {@link #join()}). Every blocked {@code put} and {@code get} wakes up to re-check, and
     * throws {@link QueueShutDown} when it cannot go on.
     *
     * @param immediate whether to discard the items still queued
     */
    public final void shutdown(boolean immediate) {
        checkLoop();
        isShutdown = true;
        if (immediate) {
            while (items.poll() != null) {
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.setUnchecked();
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    /** {@return whether {@link #shutdown(boolean)} was called} */
    public final boolean isShutdown() {
        return isShutdown;
    }

    /**
     * Puts back an item taken with {@link #get} that could not be handed on, where the next
     * {@code get} takes it first; it stays unfinished. See {@link QueueAccess#returnTaken}.
     */
    final void returnTaken(T item) {
        checkLoop();
        if (items instanceof ArrayDeque<T> fifo) {
            fifo.addFirst(item);
        } else {
            // A LIFO view pushes onto its head; a priority queue files it by priority.
            items.offer(item);
        }
        wakeUpNext(getters);
    }

    @SuppressWarnings("unchecked")
    private static void returnTakenUnchecked(Queue<?> queue, Object item) {
        ((Queue<Object>) queue).returnTaken(item);
    }

    /** asyncio's {@code _wakeup_next}: wake the first waiter that is not cancelled. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
                return;
            }
        }
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> waiter;
        while ((waiter = waiters.pollFirst()) != null) {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /** {@return the waiting getters, for tests} */
    final ArrayDeque<Future<Void>> getters() {
        return getters;
    }

    /** {@return the waiting putters, for tests} */
    final ArrayDeque<Future<Void>> putters() {
        return putters;
    }

    /** {@return asyncio's {@code _format()}: {@code maxsize=1 _queue=[1] _getters[1] _putters[1] tasks=1 shutdown}} */
    final String format() {
        StringBuilder sb = new StringBuilder("maxsize=").append(maxsize);
        if (!items.isEmpty()) {
            sb.append(" _queue=").append(new ArrayList<>(items));
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.toString();
    }

    /** {@return e.g. {@code <Queue at 0x1b6d3586 maxsize=0 _queue=[1]>}, as asyncio's repr} */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " at 0x" + Integer.toHexString(System.identityHashCode(this)) + " "
                + format() + ">";
    }
}
