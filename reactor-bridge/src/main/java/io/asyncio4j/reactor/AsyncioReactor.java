package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TaskOptions;
import io.asyncio4j.internal.BaseLoop;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The Project Reactor bridge: asyncio4j futures, tasks, coroutines and loops as Reactor
 * {@link Mono}s, {@link Flux}es and {@link Scheduler}s, and Reactor publishers awaited and
 * iterated from inside tasks. {@code import static io.asyncio4j.reactor.AsyncioReactor.*;}
 *
 * <p>Threading, for every adapter: a subscriber may subscribe, request and cancel from any
 * thread (the bridge hops onto the loop with {@code callSoonThreadsafe}, or acts directly when
 * already on it). Signals to the subscriber are emitted on the loop's thread; add
 * {@code publishOn(...)} to receive them elsewhere. Errors that arrive after a subscriber
 * cancelled go to {@code Operators.onErrorDropped}.
 *
 * {@snippet :
 * EventLoop loop = ...;                                   // running on its thread
 * Mono<String> page = AsyncioReactor.mono(loop, () -> fetch("https://example.org"));
 * Flux<Integer> ticks = AsyncioReactor.flux(loop, out -> {
 *     for (int i = 0; ; i++) { Asyncio.sleep(1.0); out.emit(i); }
 * });
 * // inside a task:
 * String body = AsyncioReactor.await(page);
 * for (int tick : AsyncioReactor.iterate(ticks.take(3))) { ... }
 * }
 */
public final class AsyncioReactor {
    /** The default number of values {@link #iterate(Publisher)} buffers. */
    public static final int DEFAULT_PREFETCH = 32;

    private AsyncioReactor() {
    }

    // ---- futures and coroutines as Mono -----------------------------------------------------------

    /**
     * Exposes a future or task as a {@link Mono}: its result (empty for {@code null}), its
     * exception, or a {@link io.asyncio4j.CancelledError} (a {@code CancellationException}) saying
     * the task was cancelled.
     *
     * <p>Hot: the task runs whether or not anyone subscribes, and every subscriber sees the same
     * outcome. Cancellation: disposing a subscription cancels the task (asyncio's
     * {@code task.cancel()}), for every subscriber. Signals are emitted on the loop's thread.
     *
     * @param future the future or task
     * @param <T> its result type
     * @return the Mono
     */
    public static <T> Mono<T> mono(Future<T> future) {
        Objects.requireNonNull(future, "future");
        return new FutureMono<>(future.getLoop(), ctx -> future, true);
    }

    /**
     * Runs {@code coro} as a new task on the running loop for each subscription: kotlinx's
     * {@code mono { }}. Must be called on a loop (inside a task or a loop callback); use
     * {@link #mono(EventLoop, Coroutine)} elsewhere.
     *
     * @param coro the body
     * @param <T> its result type
     * @return a cold Mono
     * @throws IllegalStateException if no loop is running on the calling thread
     */
    public static <T> Mono<T> mono(Coroutine<T> coro) {
        return mono(Asyncio.getRunningLoop(), coro);
    }

    /**
     * Runs {@code coro} as a new task on {@code loop} for each subscription: kotlinx's
     * {@code mono(context) { }}.
     *
     * <p>Cold: nothing runs until a subscriber arrives, and each subscriber gets its own task.
     * The task starts on subscription and its outcome is emitted once requested (empty for a
     * {@code null} result). Cancellation: disposing the subscription cancels the task. Context:
     * the task sees each entry of the subscriber's Reactor context whose key is a
     * {@link io.asyncio4j.ContextVar} as that variable's value.
     *
     * @param loop the loop that runs the tasks (it must be running, or run later)
     * @param coro the body
     * @param <T> its result type
     * @return a cold Mono
     */
    public static <T> Mono<T> mono(EventLoop loop, Coroutine<T> coro) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(coro, "coro");
        return new FutureMono<>(loop, ctx -> loop.createTask(coro,
                TaskOptions.DEFAULT.withContext(ContextBridge.toAsyncio(ctx))), false);
    }

    // ---- publishers inside tasks ------------------------------------------------------------------

    /**
     * Inside a task, subscribes to {@code publisher} and suspends until its first signal: the
     * first value, {@code null} if it completes empty, or its error thrown as is. The
     * subscription is cancelled after the first value, and when the awaiting task is cancelled.
     * The subscription's Reactor context holds the task's {@link io.asyncio4j.ContextVar}
     * values, keyed by the variables.
     *
     * @param publisher a Mono, Flux or any Reactive Streams publisher
     * @param <T> the value type
     * @return the first value, or null
     * @throws IllegalStateException if not called inside a task
     */
    public static <T> T await(Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        return AwaitSubscriber.await(Asyncio.getRunningLoop(), publisher);
    }

    /**
     * Inside a task, iterates a publisher's values ({@code async for}):
     * {@code for (T x : iterate(flux)) ...}, with {@value #DEFAULT_PREFETCH} values prefetched.
     *
     * @param publisher the source
     * @param <T> the value type
     * @return a once-only iterable
     * @see #iterate(Publisher, int)
     */
    public static <T> CloseableIterable<T> iterate(Publisher<T> publisher) {
        return iterate(publisher, DEFAULT_PREFETCH);
    }

    /**
     * Inside a task, iterates a publisher's values ({@code async for}): subscribes when
     * iteration starts, {@code hasNext()} suspends the task until a value, the end, or the
     * error (thrown as is) arrives. At most {@code prefetch} values are requested ahead of the
     * consumer. Cancellation: cancelling the task while it waits, or closing the iterable,
     * cancels the subscription; close it (try-with-resources) when leaving the loop early.
     *
     * @param publisher the source
     * @param prefetch how many values to request ahead, at least 1
     * @param <T> the value type
     * @return a once-only iterable
     * @throws IllegalStateException if not called inside a task
     */
    public static <T> CloseableIterable<T> iterate(Publisher<T> publisher, int prefetch) {
        Objects.requireNonNull(publisher, "publisher");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        return new PublisherIterable<>(publisher, Asyncio.getRunningLoop(), prefetch);
    }

    // ---- gather / as_completed ----------------------------------------------------------------------

    /**
     * asyncio's {@code gather(*tasks)} as a {@code Mono.zip}: the results in argument order
     * ({@code null} where a task returned null). The first error (or cancellation) wins and
     * cancels the other tasks. Cold wrapper over hot tasks: disposing the subscription cancels
     * every task still running.
     *
     * @param futures the futures or tasks
     * @return a Mono of the results
     */
    public static Mono<List<Object>> zip(Future<?>... futures) {
        return Gather.zip(monos(futures), false);
    }

    /**
     * {@code gather(*tasks, return_exceptions=True)} as a Mono: every task's result, or its
     * exception (a {@code CancelledError} for a cancelled one) in its slot; never fails.
     * Disposing the subscription cancels the tasks still running.
     *
     * @param futures the futures or tasks
     * @return a Mono of results and exceptions, in argument order
     */
    public static Mono<List<Object>> zipSettled(Future<?>... futures) {
        return Gather.zip(monos(futures), true);
    }

    /**
     * {@code gather} for publishers: the first value of each (null if empty), in argument order;
     * the first error wins and cancels the other subscriptions. Cold if the sources are.
     *
     * @param sources the publishers
     * @return a Mono of the values
     */
    public static Mono<List<Object>> zip(Publisher<?>... sources) {
        return Gather.zip(Arrays.asList(sources), false);
    }

    /**
     * {@code gather(..., return_exceptions=True)} for publishers: each source's first value,
     * null, or its error, in argument order; never fails.
     *
     * @param sources the publishers
     * @return a Mono of values and errors
     */
    public static Mono<List<Object>> zipSettled(Publisher<?>... sources) {
        return Gather.zip(Arrays.asList(sources), true);
    }

    /**
     * asyncio's {@code as_completed(tasks)} as a {@code Flux.merge}: results in completion order
     * (null results are skipped). The first error ends the Flux and cancels the tasks still
     * running, as does disposing the subscription.
     *
     * @param futures the futures or tasks
     * @param <T> the result type
     * @return a Flux of results in completion order
     */
    @SafeVarargs
    public static <T> Flux<T> merge(Future<? extends T>... futures) {
        return Gather.merge(monos(futures));
    }

    /**
     * {@code as_completed} for publishers: {@code Flux.merge}, values in arrival order.
     *
     * @param sources the publishers
     * @param <T> the value type
     * @return the merged Flux
     */
    @SafeVarargs
    public static <T> Flux<T> merge(Publisher<? extends T>... sources) {
        return Gather.merge(Arrays.asList(sources));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<Mono<T>> monos(Future<? extends T>[] futures) {
        List<Mono<T>> out = new ArrayList<>(futures.length);
        for (Future<? extends T> f : futures) {
            out.add((Mono<T>) mono(Objects.requireNonNull(f, "future")));
        }
        return out;
    }

    // ---- async generators ----------------------------------------------------------------------------

    /**
     * An async generator as a {@link Flux}, on the running loop: see
     * {@link #flux(EventLoop, Generator)}.
     *
     * @param body the generator
     * @param <T> the value type
     * @return a cold Flux
     * @throws IllegalStateException if no loop is running on the calling thread
     */
    public static <T> Flux<T> flux(Generator<T> body) {
        return flux(Asyncio.getRunningLoop(), body);
    }

    /**
     * An async generator as a {@link Flux}: kotlinx's {@code flux { }}. Each subscription runs
     * {@code body} as a new task on {@code loop}; {@link Emitter#emit} suspends the task while
     * the subscriber has no outstanding demand. Returning completes the Flux, throwing errors it.
     *
     * <p>Cold: one task per subscriber. Cancellation: disposing the subscription cancels the task
     * (a {@code CancelledError} at its await point). Context: the body sees the subscriber's
     * ContextVar-keyed Reactor context entries as ContextVars. Signals are emitted on the loop.
     *
     * @param loop the loop that runs the generator
     * @param body the generator
     * @param <T> the value type
     * @return a cold Flux
     */
    public static <T> Flux<T> flux(EventLoop loop, Generator<T> body) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(body, "body");
        return new GeneratorFlux<>(loop, body);
    }

    // ---- the loop as a Scheduler ---------------------------------------------------------------------

    /**
     * The loop as a Reactor {@link Scheduler}, for {@code publishOn}, {@code subscribeOn},
     * {@code delayElements}, {@code Flux.interval}: tasks run on the loop's thread, delays and
     * periods use the loop's timers ({@code callLater}) and clock. Disposing the scheduler drops
     * its pending tasks and rejects new ones; it does not close the loop.
     *
     * @param loop the loop
     * @return a scheduler backed by it
     */
    public static Scheduler scheduler(EventLoop loop) {
        return new LoopScheduler(Objects.requireNonNull(loop, "loop"));
    }

    /**
     * A new event loop whose clock is {@code time}'s clock: with a Reactor
     * {@code VirtualTimeScheduler} (from {@code StepVerifier.withVirtualTime} or
     * {@code VirtualTimeScheduler.getOrSet()}), advancing virtual time fires the loop's timers,
     * so a test of an hour-long schedule runs in milliseconds. The loop waits for the scheduler
     * instead of jumping ahead by itself. Run it on a thread of its own ({@code runForever}).
     *
     * {@snippet :
     * VirtualTimeScheduler vts = VirtualTimeScheduler.getOrSet();
     * EventLoop loop = AsyncioReactor.virtualTimeLoop(vts);
     * // run the loop on a thread, then:
     * StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(loop, () -> Asyncio.sleep(3600, "done")),
     *                 () -> vts, Long.MAX_VALUE)
     *         .expectSubscription()
     *         .thenAwait(Duration.ofHours(1))
     *         .expectNext("done")
     *         .verifyComplete();
     * }
     *
     * @param time the scheduler whose {@code now()} the loop reads
     * @return a new, not yet running, loop
     */
    public static EventLoop virtualTimeLoop(Scheduler time) {
        SchedulerClock clock = new SchedulerClock(Objects.requireNonNull(time, "time"));
        BaseLoop loop = new BaseLoop(clock);
        clock.attach(loop);
        return loop;
    }
}
