package io.asyncio4j.reactor;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Awaits the first signal of a {@link Publisher} inside a task: subscribes, requests one value,
 * completes a loop future with the value ({@code null} when the publisher completes empty) or
 * the error, and cancels the subscription after the first value or when the task is cancelled.
 * Signals may arrive on any thread; the future is completed on the loop.
 */
final class AwaitSubscriber<T> implements CoreSubscriber<T> {
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<AwaitSubscriber, Subscription> S =
            AtomicReferenceFieldUpdater.newUpdater(AwaitSubscriber.class, Subscription.class, "s");

    private final EventLoop loop;
    private final Future<T> future;
    private final Context context;
    private volatile Subscription s;
    private boolean done;

    private AwaitSubscriber(EventLoop loop, Context context) {
        this.loop = loop;
        this.future = loop.createFuture();
        this.context = context;
    }

    static <T> T await(EventLoop loop, Publisher<T> publisher) {
        AwaitSubscriber<T> sub = new AwaitSubscriber<>(loop, ContextBridge.toReactor());
        publisher.subscribe(sub);
        try {
            return sub.future.await();
        } catch (CancelledError e) {
            sub.cancel();
            throw e;
        }
    }

    void cancel() {
        Operators.terminate(S, this);
    }

    @Override
    public Context currentContext() {
        return context;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        if (Operators.setOnce(S, this, subscription)) {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(T value) {
        if (done) {
            Operators.onNextDropped(value, context);
            return;
        }
        done = true;
        cancel();
        Loops.run(loop, () -> {
            if (!future.done()) {
                future.setResult(value);
            }
        });
    }

    @Override
    public void onError(Throwable error) {
        if (done) {
            Operators.onErrorDropped(error, context);
            return;
        }
        done = true;
        boolean delivered = Loops.run(loop, () -> {
            if (!future.done()) {
                future.setException(error);
            } else {
                Operators.onErrorDropped(error, context);
            }
        });
        if (!delivered) {
            Operators.onErrorDropped(error, context);
        }
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        done = true;
        Loops.run(loop, () -> {
            if (!future.done()) {
                future.setResult(null);
            }
        });
    }
}
