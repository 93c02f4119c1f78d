package io.asyncio4j.reactor;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.ContextView;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Mono} that signals the outcome of an asyncio4j {@link Future}: the future is obtained
 * on the loop when a subscriber arrives (an existing task for {@code mono(task)}, a new task for
 * {@code mono(coro)}), its outcome is emitted on the loop's thread (a value once requested; an
 * error or empty completion at once), and
 * cancelling the subscription cancels the future.
 *
 * <p>Threading: subscribe, request and cancel may come from any thread; everything that touches
 * the future runs on the loop ({@link Loops#run}), so the flags below are the only state shared
 * across threads.
 */
final class FutureMono<T> extends Mono<T> {
    private final EventLoop loop;
    private final Function<ContextView, Future<T>> source;
    /** True for an existing future (hot), false when each subscription starts a task (cold). */
    private final boolean hot;

    FutureMono(EventLoop loop, Function<ContextView, Future<T>> source, boolean hot) {
        this.loop = loop;
        this.source = source;
        this.hot = hot;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Bridge<T> bridge = new Bridge<>(actual, loop);
        actual.onSubscribe(bridge);
        String wrongTime = SchedulerClock.timeSourceProblem(loop);
        if (wrongTime != null) {
            bridge.fail(new IllegalStateException(wrongTime));
        } else if (!Loops.run(loop, () -> bridge.start(source, hot))) {
            bridge.fail(new IllegalStateException("Event loop is closed"));
        }
    }

    /** The subscription; also the future's done callback. */
    static final class Bridge<T> implements Subscription, Consumer<Future<T>> {
        private final CoreSubscriber<? super T> actual;
        private final EventLoop loop;
        private volatile boolean requested;
        private volatile boolean cancelled;
        // Owned by the loop:
        private Future<T> future;
        private boolean terminated;

        Bridge(CoreSubscriber<? super T> actual, EventLoop loop) {
            this.actual = actual;
            this.loop = loop;
        }

        void start(Function<ContextView, Future<T>> source, boolean hot) {
            if (cancelled && !hot) {
                return;
            }
            Future<T> f;
            try {
                f = source.apply(actual.currentContext());
            } catch (Throwable e) {
                fail(e);
                return;
            }
            future = f;
            if (cancelled) {
                // Cancelled before the hop got here: a hot future is still cancelled.
                cancelFuture("Mono subscription was cancelled");
                return;
            }
            f.addDoneCallback(this);
        }

        @Override
        public void accept(Future<T> f) {
            if (cancelled) {
                if (!f.cancelled() && f.exception() != null) {
                    Operators.onErrorDropped(f.exception(), actual.currentContext());
                }
                return;
            }
            emit();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                Loops.run(loop, () -> {
                    cancelled = true;
                    cancelFuture("Mono subscription broke rule 3.9");
                    fail(new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n));
                });
                return;
            }
            if (!requested) {
                requested = true;
                Loops.run(loop, this::emit);
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                Loops.run(loop, () -> cancelFuture("Mono subscription was cancelled"));
            }
        }

        private void cancelFuture(String why) {
            Future<T> f = future;
            if (f != null && !f.done()) {
                f.cancel(why);
            }
        }

        /** On the loop: emits the outcome if the future is done and not yet emitted. */
        private void emit() {
            Future<T> f = future;
            if (f == null || !f.done() || terminated || cancelled) {
                return;
            }
            // Only a value needs demand; an error or an empty completion goes out at once (rule 1.9).
            if (!requested && !f.cancelled() && f.exception() == null && f.result() != null) {
                return;
            }
            terminated = true;
            if (f.cancelled()) {
                actual.onError(cancelledError(f));
                return;
            }
            Throwable error = f.exception();
            if (error != null) {
                actual.onError(error);
                return;
            }
            T value = f.result();
            if (value != null) {
                actual.onNext(value);
            }
            actual.onComplete();
        }

        void fail(Throwable e) {
            if (terminated) {
                Operators.onErrorDropped(e, actual.currentContext());
                return;
            }
            terminated = true;
            actual.onError(e);
        }

        /** A CancellationException naming what was cancelled, with the cancel message if any. */
        static CancelledError cancelledError(Future<?> f) {
            String message;
            try {
                f.result();
                message = null;
            } catch (CancelledError e) {
                message = e.getMessage();
            }
            String what = f instanceof Task<?> t ? "Task '" + t.getName() + "'" : "Future";
            CancelledError e = new CancelledError(what + " was cancelled" + (message != null ? ": " + message : ""));
            return e;
        }
    }
}
