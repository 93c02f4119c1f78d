package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TaskOptions;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.sync.Queue;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import reactor.core.scheduler.Scheduler;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuple3;
import reactor.util.function.Tuple4;
import reactor.util.function.Tuple5;
import reactor.util.function.Tuple6;
import reactor.util.function.Tuple7;
import reactor.util.function.Tuple8;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * cancelled go to {@code Operators.onErrorDropped}. Once this class is loaded, every running loop
 * counts as a Reactor non-blocking thread: {@code block()} on the loop or inside one of its tasks
 * fails at once with Reactor's {@code IllegalStateException}, as on Reactor's own parallel
 * scheduler; await publishers with {@link #await(Publisher)} there instead.
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
    /** Buffers {@link #writeTo} requests ahead of the writes. */
    private static final int WRITE_PREFETCH = 4;

    static {
        NonBlockingLoops.register();
    }

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
     * {@code null} result). Cancellation: disposing the subscription cancels the task.
     * Structured: tasks created inside the body are its children; cancelling the subscription
     * (or the body failing) cancels them, and a normal result waits for them to finish (a
     * child's failure becomes the Mono's error), as kotlinx's {@code mono {}} scope does.
     * Context: the task sees the subscriber's whole Reactor context through
     * {@link #currentContext()}, each entry whose key is a {@link io.asyncio4j.ContextVar} as
     * that variable's value, and a publisher it {@linkplain #await(Publisher) awaits} is
     * subscribed with that context.
     *
     * @param loop the loop that runs the tasks (it must be running, or run later)
     * @param coro the body
     * @param <T> its result type
     * @return a cold Mono
     */
    public static <T> Mono<T> mono(EventLoop loop, Coroutine<T> coro) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(coro, "coro");
        Coroutine<T> scoped = ChildScope.wrap(coro);
        return new FutureMono<>(loop, ctx -> loop.createTask(scoped,
                TaskOptions.DEFAULT.withContext(ContextBridge.toAsyncio(ctx))), false);
    }

    /**
     * Inside a task started by a subscription ({@link #mono(EventLoop, Coroutine)},
     * {@link #flux(EventLoop, Generator)}), the subscriber's whole Reactor context: kotlinx's
     * {@code coroutineContext[ReactorContext]}. Tasks the body creates inherit it.
     *
     * @return the subscriber's context, or an empty one outside such a task
     */
    public static ContextView currentContext() {
        return ContextBridge.current();
    }

    // ---- publishers inside tasks ------------------------------------------------------------------

    /**
     * Inside a task, subscribes to {@code publisher} and suspends until its first signal: the
     * first value, {@code null} if it completes empty, or its error thrown as is. The
     * subscription is cancelled after the first value, and when the awaiting task is cancelled.
     * The subscription's Reactor context is the whole context of the subscription that started
     * the task (see {@link #currentContext()}) with the task's {@link io.asyncio4j.ContextVar}
     * values on top, keyed by the variables.
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
     * asyncio's {@code gather(*tasks)} as a Mono: the results in argument order ({@code null}
     * where a task returned null). The tasks are watched as soon as the Mono is subscribed, so
     * the first error (or cancellation) is signalled at once, without waiting for a request
     * (Reactive Streams rule 1.9), and cancels the other tasks at once; the failed task's
     * exception counts as retrieved. Cold wrapper over hot tasks: disposing the subscription
     * cancels every task still running. Called with two to eight tasks (not an array), the
     * typed overloads such as {@link #zip(Future, Future)} apply instead.
     *
     * @param futures the futures or tasks
     * @return a Mono of the results
     */
    public static Mono<List<Object>> zip(Future<?>... futures) {
        return Gather.zip(monos(futures), false);
    }

    /**
     * asyncio's {@code gather(t1, t2)} typed like {@code Mono.zip(m1, m2)}: a
     * {@code Tuple2} of the results, in argument order. The tasks are watched as soon as the Mono
     * is subscribed: the first error (or cancellation) is signalled at once, without waiting for
     * a request, and cancels the other tasks; disposing the subscription cancels every task
     * still running. A task returning {@code null} completes the Mono empty once all are done
     * (a tuple holds no nulls); use {@link #zip(Future[])} to keep null results. For more than
     * eight tasks, or an array, the {@code List<Object>} form applies.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @return a Mono of the results
     */
    public static <T1, T2> Mono<Tuple2<T1, T2>> zip(Future<T1> f1, Future<T2> f2) {
        return TypedZip.of(f1, f2);
    }

    /**
     * {@link #zip(Future, Future)} for 3 tasks: a {@code Tuple3} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @return a Mono of the results
     */
    public static <T1, T2, T3> Mono<Tuple3<T1, T2, T3>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3) {
        return TypedZip.of(f1, f2, f3);
    }

    /**
     * {@link #zip(Future, Future)} for 4 tasks: a {@code Tuple4} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param f4 task 4
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @param <T4> the result type of task 4
     * @return a Mono of the results
     */
    public static <T1, T2, T3, T4> Mono<Tuple4<T1, T2, T3, T4>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3, Future<T4> f4) {
        return TypedZip.of(f1, f2, f3, f4);
    }

    /**
     * {@link #zip(Future, Future)} for 5 tasks: a {@code Tuple5} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param f4 task 4
     * @param f5 task 5
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @param <T4> the result type of task 4
     * @param <T5> the result type of task 5
     * @return a Mono of the results
     */
    public static <T1, T2, T3, T4, T5> Mono<Tuple5<T1, T2, T3, T4, T5>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3, Future<T4> f4, Future<T5> f5) {
        return TypedZip.of(f1, f2, f3, f4, f5);
    }

    /**
     * {@link #zip(Future, Future)} for 6 tasks: a {@code Tuple6} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param f4 task 4
     * @param f5 task 5
     * @param f6 task 6
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @param <T4> the result type of task 4
     * @param <T5> the result type of task 5
     * @param <T6> the result type of task 6
     * @return a Mono of the results
     */
    public static <T1, T2, T3, T4, T5, T6> Mono<Tuple6<T1, T2, T3, T4, T5, T6>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3, Future<T4> f4, Future<T5> f5, Future<T6> f6) {
        return TypedZip.of(f1, f2, f3, f4, f5, f6);
    }

    /**
     * {@link #zip(Future, Future)} for 7 tasks: a {@code Tuple7} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param f4 task 4
     * @param f5 task 5
     * @param f6 task 6
     * @param f7 task 7
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @param <T4> the result type of task 4
     * @param <T5> the result type of task 5
     * @param <T6> the result type of task 6
     * @param <T7> the result type of task 7
     * @return a Mono of the results
     */
    public static <T1, T2, T3, T4, T5, T6, T7> Mono<Tuple7<T1, T2, T3, T4, T5, T6, T7>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3, Future<T4> f4, Future<T5> f5, Future<T6> f6, Future<T7> f7) {
        return TypedZip.of(f1, f2, f3, f4, f5, f6, f7);
    }

    /**
     * {@link #zip(Future, Future)} for 8 tasks: a {@code Tuple8} of their results.
     *
     * @param f1 task 1
     * @param f2 task 2
     * @param f3 task 3
     * @param f4 task 4
     * @param f5 task 5
     * @param f6 task 6
     * @param f7 task 7
     * @param f8 task 8
     * @param <T1> the result type of task 1
     * @param <T2> the result type of task 2
     * @param <T3> the result type of task 3
     * @param <T4> the result type of task 4
     * @param <T5> the result type of task 5
     * @param <T6> the result type of task 6
     * @param <T7> the result type of task 7
     * @param <T8> the result type of task 8
     * @return a Mono of the results
     */
    public static <T1, T2, T3, T4, T5, T6, T7, T8> Mono<Tuple8<T1, T2, T3, T4, T5, T6, T7, T8>> zip(Future<T1> f1, Future<T2> f2, Future<T3> f3, Future<T4> f4, Future<T5> f5, Future<T6> f6, Future<T7> f7, Future<T8> f8) {
        return TypedZip.of(f1, f2, f3, f4, f5, f6, f7, f8);
    }

    /**
     * {@code gather(*tasks, return_exceptions=True)} as a Mono: every task's result, or its
     * exception (a {@code CancelledError} for a cancelled one) in its slot; never fails. The
     * tasks are watched from subscription on, so their exceptions count as retrieved.
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
     * the first error wins and cancels the other subscriptions. Cold if the sources are (each
     * subscription subscribes to every source); disposing it cancels their subscriptions.
     *
     * @param sources the publishers
     * @return a Mono of the values
     */
    public static Mono<List<Object>> zip(Publisher<?>... sources) {
        return Gather.zip(Arrays.asList(sources), false);
    }

    /**
     * {@code gather(..., return_exceptions=True)} for publishers: each source's first value,
     * null, or its error, in argument order; never fails. Cold if the sources are; disposing the
     * subscription cancels theirs.
     *
     * @param sources the publishers
     * @return a Mono of values and errors
     */
    public static Mono<List<Object>> zipSettled(Publisher<?>... sources) {
        return Gather.zip(Arrays.asList(sources), true);
    }

    /**
     * asyncio's {@code as_completed(tasks)} as a {@code Flux.merge}: results in completion order
     * (null results are skipped). Every task is watched from subscription on: the first error
     * ends the Flux at once, without waiting for a request, and cancels the tasks still
     * running, as does disposing the subscription.
     *
     * @param futures the futures or tasks
     * @param <T> the result type
     * @return a Flux of results in completion order
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public static <T> Flux<T> merge(Future<? extends T>... futures) {
        return Gather.merge(monos(futures));
    }

    /**
     * {@code as_completed} for publishers: {@code Flux.merge}, values in arrival order. Cold if
     * the sources are; the first error, or disposing the subscription, cancels the others.
     *
     * @param sources the publishers
     * @param <T> the value type
     * @return the merged Flux
     */
    @SafeVarargs
    @SuppressWarnings("varargs")
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
     * (a {@code CancelledError} at its await point) and the tasks the body created (its
     * children, see {@link #mono(EventLoop, Coroutine)}); completion waits for the children.
     * Context: as for {@link #mono(EventLoop, Coroutine)}. Signals are emitted on the loop.
     *
     * @param loop the loop that runs the generator
     * @param body the generator
     * @param <T> the value type
     * @return a cold Flux
     */
    public static <T> Flux<T> flux(EventLoop loop, Generator<T> body) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(body, "body");
        return new GeneratorFlux<>(loop, ChildScope.wrap(body));
    }

    // ---- streams -------------------------------------------------------------------------------------

    /**
     * A stream's bytes as a {@code Flux<ByteBuffer>} of chunks of at most {@code chunkSize}
     * bytes, on the running loop. See {@link #bytes(EventLoop, StreamReader, int)}.
     *
     * @param reader the stream
     * @param chunkSize the largest chunk
     * @return a single-subscriber Flux
     * @throws IllegalStateException if no loop is running on the calling thread
     */
    public static Flux<ByteBuffer> bytes(StreamReader reader, int chunkSize) {
        return bytes(Asyncio.getRunningLoop(), reader, chunkSize);
    }

    /**
     * A stream's bytes as a {@code Flux<ByteBuffer>}: each chunk is what one
     * {@code reader.read(chunkSize)} returns, in a buffer of its own that the subscriber keeps.
     *
     * <p>Backpressure: at most one chunk is read ahead of the subscriber's demand. With no
     * demand the reader's buffer fills up to twice its limit and the reader pauses the transport,
     * which stops reading the socket; the next request resumes it. So at most about
     * {@code 2 * reader.limit() + chunkSize} bytes are held for a slow subscriber.
     *
     * <p>Single subscriber (a second one gets an {@code IllegalStateException}); the read loop
     * starts on subscription. EOF completes, a connection error errors the Flux, both without
     * waiting for demand (once the chunks read before them are delivered). Nothing is lost:
     * cancellation cancels the read loop's task, and a chunk it read but did not deliver (the
     * cancel raced the emission, say from a {@code publishOn} thread) goes back into the reader
     * ({@link StreamReader#unread}), so a later reader gets every byte. The connection stays
     * open; see {@link #bytes(StreamPair, int, boolean)} to close it.
     *
     * @param loop the reader's loop
     * @param reader the stream
     * @param chunkSize the largest chunk, at least 1
     * @return a single-subscriber Flux
     */
    public static Flux<ByteBuffer> bytes(EventLoop loop, StreamReader reader, int chunkSize) {
        return StreamAdapters.bytes(loop, Objects.requireNonNull(reader, "reader"), checkChunk(chunkSize), null);
    }

    /**
     * Like {@link #bytes(EventLoop, StreamReader, int)} for a connection, on the running loop;
     * with {@code closeOnCancel}, a cancelled (or failed) Flux also closes the connection.
     *
     * @param connection the reader and writer of a connection
     * @param chunkSize the largest chunk, at least 1
     * @param closeOnCancel whether ending early closes the writer (and the connection)
     * @return a single-subscriber Flux
     */
    public static Flux<ByteBuffer> bytes(StreamPair connection, int chunkSize, boolean closeOnCancel) {
        return StreamAdapters.bytes(Asyncio.getRunningLoop(), connection.reader(), checkChunk(chunkSize),
                closeOnCancel ? connection.writer() : null);
    }

    /**
     * A stream's lines as a {@code Flux<String>}, decoded as UTF-8, on the running loop. See
     * {@link #lines(EventLoop, StreamReader, Charset)}.
     *
     * @param reader the stream
     * @return a single-subscriber Flux of lines
     */
    public static Flux<String> lines(StreamReader reader) {
        return lines(Asyncio.getRunningLoop(), reader, StandardCharsets.UTF_8);
    }

    /**
     * A stream's lines as a {@code Flux<String>}: each {@code reader.readline()}, decoded, without
     * its {@code \n} or {@code \r\n}; a last line without a newline is emitted too. Same
     * backpressure, single-subscriber and cancellation rules as
     * {@link #bytes(EventLoop, StreamReader, int)} (a line read and not delivered goes back into
     * the reader; EOF and errors need no demand); a line longer than the reader's limit errors
     * the Flux.
     *
     * @param loop the reader's loop
     * @param reader the stream
     * @param charset how to decode the lines
     * @return a single-subscriber Flux of lines
     */
    public static Flux<String> lines(EventLoop loop, StreamReader reader, Charset charset) {
        return StreamAdapters.lines(loop, Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(charset, "charset"), null);
    }

    /**
     * Writes every buffer of {@code source} to {@code writer}, on the running loop. See
     * {@link #writeTo(EventLoop, StreamWriter, Publisher)}.
     *
     * @param writer the stream
     * @param source the bytes
     * @return a cold Mono completing when everything is written and flushed
     */
    public static Mono<Void> writeTo(StreamWriter writer, Publisher<ByteBuffer> source) {
        return writeTo(Asyncio.getRunningLoop(), writer, source);
    }

    /**
     * Writes every buffer of {@code source} to {@code writer}, calling {@code drain()} after each,
     * so a fast publisher cannot grow the write buffer past the transport's high water mark (a few
     * buffers are prefetched). Completes once the last byte has left the transport's buffer;
     * the publisher's error, or the connection's, errors the Mono. Does not close the writer.
     *
     * <p>Cold: each subscription runs its own write task and subscribes to {@code source}.
     * Cancellation: disposing the subscription cancels the task and the source subscription.
     *
     * @param loop the writer's loop
     * @param writer the stream
     * @param source the bytes; each buffer's remaining bytes are written
     * @return a cold Mono
     */
    public static Mono<Void> writeTo(EventLoop loop, StreamWriter writer, Publisher<ByteBuffer> source) {
        return StreamAdapters.writeTo(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(writer, "writer"),
                Objects.requireNonNull(source, "source"), WRITE_PREFETCH);
    }

    private static int checkChunk(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, got " + chunkSize);
        }
        return chunkSize;
    }

    // ---- queues --------------------------------------------------------------------------------------

    /**
     * Drains {@code queue} as a {@link Flux}, on the running loop. See
     * {@link #fromQueue(EventLoop, Queue)}.
     *
     * @param queue the queue
     * @param <T> the item type
     * @return a Flux of the queue's items
     */
    public static <T> Flux<T> fromQueue(Queue<T> queue) {
        return fromQueue(Asyncio.getRunningLoop(), queue);
    }

    /**
     * Drains {@code queue} as a {@link Flux}: a task takes an item ({@code get()}), emits it once
     * the subscriber has demand, then calls {@code taskDone()} for it. Completes when the queue
     * is shut down and empty ({@code QueueShutDown}), without waiting for demand.
     *
     * <p>Cold in the sense that each subscriber runs its own draining task; several subscribers
     * compete for the items, as several consumer tasks would (each holds at most the one item it
     * took ahead of its demand). Nothing is lost: cancellation cancels the task, and an item it
     * took but did not deliver (the cancel raced the emission, say from a {@code publishOn}
     * thread) goes back to the head of the queue, still unfinished for {@code join()}.
     *
     * @param loop the queue's loop
     * @param queue the queue
     * @param <T> the item type
     * @return a Flux of the queue's items
     */
    public static <T> Flux<T> fromQueue(EventLoop loop, Queue<T> queue) {
        return QueueAdapters.fromQueue(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(queue, "queue"));
    }

    /**
     * Feeds {@code source} into {@code queue}, on the running loop. See
     * {@link #intoQueue(EventLoop, Publisher, Queue)}.
     *
     * @param source the items
     * @param queue the queue
     * @param <T> the item type
     * @return a cold Mono completing when every item is in the queue
     */
    public static <T> Mono<Void> intoQueue(Publisher<? extends T> source, Queue<T> queue) {
        return intoQueue(Asyncio.getRunningLoop(), source, queue);
    }

    /**
     * Feeds every item of {@code source} into {@code queue} with {@code put()}: while the queue is
     * full the task waits and requests nothing more, so a bounded queue backpressures the
     * publisher. Completes when the publisher completes (the queue is not shut down); its error
     * errors the Mono.
     *
     * <p>Cold: each subscription subscribes to the source. Cancellation cancels the task and the
     * source subscription; the items the source delivered that did not reach the queue (the one
     * waiting in {@code put()}, the prefetched ones) go to the subscriber's discard hook
     * ({@code doOnDiscard}), as do they when the queue shuts down.
     *
     * @param loop the queue's loop
     * @param source the items
     * @param queue the queue
     * @param <T> the item type
     * @return a cold Mono
     */
    public static <T> Mono<Void> intoQueue(EventLoop loop, Publisher<? extends T> source, Queue<T> queue) {
        return QueueAdapters.intoQueue(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(queue, "queue"), DEFAULT_PREFETCH);
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
     * {@code VirtualTimeScheduler}, advancing virtual time fires the loop's timers, so a test of
     * an hour-long schedule runs in milliseconds. The loop waits for the scheduler instead of
     * jumping ahead by itself. Run it on a thread of its own, e.g.
     * {@code EventLoopThread.start(() -> virtualTimeLoop(vts))}, and hand the same scheduler to
     * {@code StepVerifier.withVirtualTime(() -> publisher, () -> vts, n)}.
     *
     * <p>Virtual time moves only once the loop is quiescent, so tests need no round trips to the
     * loop: each time the bridge hands work to the loop from another thread (a subscription, a
     * request, a cancel), it queues on the {@code VirtualTimeScheduler} an immediate step that
     * waits until the loop is idle. A subscription made on the test thread has thus armed its
     * task's first timer before {@code subscribe} returns, and a re-subscription that the
     * scheduler itself makes while it advances ({@code retryWhen}, {@code flatMap} after
     * {@code Mono.delay}) is settled before the scheduler goes on. Every timer the loop makes is
     * scheduled on {@code time} as it is made, and each time the scheduler reaches one of those
     * deadlines it waits until the loop is idle again, so chains of timers ("sleep an hour, emit,
     * repeat") stay exact when a test advances a day at once. If another
     * {@code VirtualTimeScheduler} is installed (a {@code withVirtualTime(supplier)} not handed
     * this loop's scheduler), the bridge's {@code mono} and {@code flux} publishers on this loop
     * fail at subscription with an {@link IllegalStateException} saying so, rather than wait for
     * time that never comes. Built on
     * {@link VirtualTimeLoop#create(io.asyncio4j.testing.ExternalClock)}; with another kind of
     * scheduler the loop reads its {@code now()} and is woken at each deadline, without the
     * quiescence steps.
     *
     * {@snippet :
     * VirtualTimeScheduler vts = VirtualTimeScheduler.create();
     * try (EventLoopThread asyncio = EventLoopThread.start(() -> AsyncioReactor.virtualTimeLoop(vts))) {
     *     EventLoop loop = asyncio.loop();
     *     StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(loop, () -> Asyncio.sleep(3600, "done")),
     *                     () -> vts, Long.MAX_VALUE)
     *             .expectSubscription()
     *             .thenAwait(Duration.ofHours(1))
     *             .expectNext("done")
     *             .verifyComplete();
     * }
     * }
     *
     * @param time the scheduler whose {@code now()} the loop reads
     * @return a new, not yet running, loop
     */
    public static EventLoop virtualTimeLoop(Scheduler time) {
        SchedulerClock clock = new SchedulerClock(Objects.requireNonNull(time, "time"));
        EventLoop loop = VirtualTimeLoop.create(clock);
        SchedulerClock.register(loop, clock);
        return loop;
    }
}
