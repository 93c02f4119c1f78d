package io.asyncio4j.reactor;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Iterates a {@link Publisher} inside a task, {@code async for}-style: {@code hasNext()} suspends
 * the task until a value, the end or an error arrives. Requests {@code prefetch} values up front
 * and tops up by {@code prefetch - prefetch/4} as they are consumed, so at most
 * {@code prefetch} values are ever buffered. Signals may come from any thread: they go into a
 * single-producer queue and a drain on the loop wakes the waiting task. Cancelling the task
 * (while it waits) or {@link #close()} cancels the subscription.
 */
final class PublisherIterable<T> implements CloseableIterable<T>, Iterator<T>, CoreSubscriber<T> {
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<PublisherIterable, Subscription> S =
            AtomicReferenceFieldUpdater.newUpdater(PublisherIterable.class, Subscription.class, "s");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<PublisherIterable> WIP =
            AtomicIntegerFieldUpdater.newUpdater(PublisherIterable.class, "wip");

    private final Publisher<T> source;
    private final EventLoop loop;
    private final int prefetch;
    private final int limit;
    private final Queue<T> queue;
    private final Context context;
    /** Where values dropped by {@link #close()} are reported (Reactor's discard hook). */
    private final Context discardContext;
    private volatile Subscription s;
    private volatile boolean done;
    private Throwable error;
    private volatile int wip;
    // Owned by the consuming task (on the loop):
    private boolean started;
    private boolean closed;
    private Future<Void> waiter;
    private T next;
    private int consumed;

    PublisherIterable(Publisher<T> source, EventLoop loop, int prefetch) {
        this(source, loop, prefetch, null);
    }

    /**
     * @param discardContext whose {@code doOnDiscard} hook gets the values {@link #close()} drops;
     *                       null for the subscription's own context
     */
    PublisherIterable(Publisher<T> source, EventLoop loop, int prefetch, Context discardContext) {
        this.source = source;
        this.loop = loop;
        this.prefetch = prefetch;
        this.limit = prefetch - (prefetch >> 2);
        this.queue = Queues.<T>get(prefetch).get();
        this.context = ContextBridge.toReactor();
        this.discardContext = discardContext != null ? discardContext : context;
    }

    @Override
    public Iterator<T> iterator() {
        if (started) {
            throw new IllegalStateException("iterate(publisher) can be iterated only once; call iterate() again");
        }
        started = true;
        source.subscribe(this);
        return this;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        while (true) {
            boolean d = done;
            T v = queue.poll();
            if (v != null) {
                next = v;
                if (++consumed == limit) {
                    consumed = 0;
                    s.request(limit);
                }
                return true;
            }
            if (d) {
                Throwable e = error;
                if (e != null) {
                    error = null;
                    throw Loops.sneaky(e);
                }
                return false;
            }
            Future<Void> w = loop.createFuture();
            waiter = w;
            try {
                w.await();
            } catch (CancelledError e) {
                close();
                throw e;
            } finally {
                waiter = null;
            }
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        T v = next;
        next = null;
        return v;
    }

    @Override
    public void close() {
        closed = true;
        Operators.terminate(S, this);
        T held = next;
        next = null;
        if (held != null) {
            Operators.onDiscard(held, discardContext);
        }
        Operators.onDiscardQueueWithClear(queue, discardContext, null);
    }

    // ---- subscriber side: any thread ----

    @Override
    public Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (Operators.setOnce(S, this, subscription)) {
            subscription.request(prefetch);
        }
    }

    @Override
    public void onNext(T value) {
        if (done) {
            Operators.onNextDropped(value, context);
            return;
        }
        if (!queue.offer(value)) {
            Operators.terminate(S, this);
            onError(Operators.onOperatorError(null,
                    reactor.core.Exceptions.failWithOverflow("publisher sent more than requested"), value, context));
            return;
        }
        signal();
    }

    @Override
    public void onError(Throwable e) {
        if (done) {
            Operators.onErrorDropped(e, context);
            return;
        }
        error = e;
        done = true;
        signal();
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            signal();
        }
    }

    private void signal() {
        if (WIP.getAndIncrement(this) == 0) {
            if (!Loops.run(loop, this::drain)) {
                close();
            }
        }
    }

    /** On the loop: wakes the task if it waits and there is something to see. */
    private void drain() {
        int missed = 1;
        do {
            Future<Void> w = waiter;
            if (w != null && !w.done() && (done || !queue.isEmpty())) {
                w.setResult(null);
            }
            missed = WIP.addAndGet(this, -missed);
        } while (missed != 0);
    }
}
