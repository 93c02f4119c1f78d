package io.asyncio4j.reactor;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TaskOptions;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.ContextView;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A cold {@link Flux} whose every subscription runs a {@link Generator} as a new task on the
 * loop. {@link Emitter#emit} hands a value to the subscriber when there is demand and suspends
 * the task otherwise; {@code request(n)} from any thread wakes it. Cancelling the subscription
 * cancels the task; all signals are emitted on the loop, from inside the task.
 */
final class GeneratorFlux<T> extends Flux<T> {
    private final EventLoop loop;
    private final Generator<T> body;

    GeneratorFlux(EventLoop loop, Generator<T> body) {
        this.loop = loop;
        this.body = body;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Run<T> run = new Run<>(actual, loop);
        actual.onSubscribe(run);
        String wrongTime = SchedulerClock.timeSourceProblem(loop);
        if (wrongTime != null) {
            run.terminate(new IllegalStateException(wrongTime));
        } else if (!Loops.run(loop, () -> run.start(body))) {
            run.terminate(new IllegalStateException("Event loop is closed"));
        }
    }

    static final class Run<T> implements Subscription, Emitter<T> {
        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<Run> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(Run.class, "requested");

        private final CoreSubscriber<? super T> actual;
        private final EventLoop loop;
        private volatile long requested;
        private volatile boolean cancelled;
        // Owned by the loop:
        private Task<Void> task;
        private Future<Void> waiter;
        private boolean terminated;

        Run(CoreSubscriber<? super T> actual, EventLoop loop) {
            this.actual = actual;
            this.loop = loop;
        }

        void start(Generator<T> body) {
            if (cancelled) {
                return;
            }
            try {
                task = loop.createTask(() -> {
                    runBody(body);
                    return null;
                }, TaskOptions.named("flux-generator").withContext(ContextBridge.toAsyncio(actual.currentContext())));
            } catch (Throwable e) {
                terminate(e);
            }
        }

        private void runBody(Generator<T> body) {
            try {
                body.run(this);
            } catch (CancelledError e) {
                if (!cancelled && !terminated) {
                    // Cancelled by something other than the subscriber (the loop closing): say so.
                    terminate(e);
                }
                throw e;
            } catch (Throwable e) {
                terminate(e);
                return;
            }
            if (!terminated && !cancelled) {
                terminated = true;
                actual.onComplete();
            }
        }

        void terminate(Throwable e) {
            if (terminated || cancelled) {
                Operators.onErrorDropped(e, actual.currentContext());
                return;
            }
            terminated = true;
            actual.onError(e);
        }

        @Override
        public void emit(T value) {
            Objects.requireNonNull(value, "a generator cannot emit null (Reactive Streams rule 2.13)");
            awaitDemand();
            if (requested != Long.MAX_VALUE) {
                REQUESTED.decrementAndGet(this);
            }
            actual.onNext(value);
        }

        @Override
        public void awaitDemand() {
            while (true) {
                if (cancelled || terminated) {
                    throw new CancelledError("the Flux subscription was cancelled");
                }
                if (requested > 0) {
                    return;
                }
                Future<Void> w = loop.createFuture();
                waiter = w;
                try {
                    w.await();
                } finally {
                    waiter = null;
                }
            }
        }

        @Override
        public ContextView context() {
            return actual.currentContext();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                Loops.run(loop, () -> {
                    terminate(new IllegalArgumentException("§3.9 violated: positive request amount required but it was " + n));
                    cancelTask();
                });
                return;
            }
            if (Operators.addCap(REQUESTED, this, n) == 0) {
                Loops.run(loop, this::wake);
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                Loops.run(loop, this::cancelTask);
            }
        }

        private void wake() {
            Future<Void> w = waiter;
            if (w != null && !w.done()) {
                w.setResult(null);
            }
        }

        private void cancelTask() {
            Task<Void> t = task;
            if (t != null && !t.done()) {
                t.cancel("the Flux subscription was cancelled");
            }
        }
    }
}
