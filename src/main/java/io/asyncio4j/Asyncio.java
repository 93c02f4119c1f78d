package io.asyncio4j;

import io.asyncio4j.internal.Delays;
import io.asyncio4j.internal.loop.LoopRuntime;
import io.asyncio4j.internal.strand.StrandFactory;
import io.asyncio4j.streams.ClientConnected;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.Streams;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.subprocess.Subprocesses;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * asyncio's module-level functions. {@code import static io.asyncio4j.Asyncio.*;} and write
 * asyncio code in Java:
 *
 * {@snippet :
 * String result = Asyncio.run(() -> {
 *     Task<String> a = createTask(() -> { sleep(1); return "a"; });
 *     Task<String> b = createTask(() -> { sleep(1); return "b"; });
 *     List<String> both = gather(List.of(a, b)).await();   // about one second, not two
 *     return String.join("+", both);
 * });
 * }
 *
 * <p>Functions that asyncio declares {@code async} (sleep, wait, waitFor, timeout, toThread)
 * suspend the calling task and return the awaited value; they must be called inside a task, and
 * throw {@link IllegalStateException} explaining why otherwise. Functions that return awaitables
 * in asyncio (gather, shield, ensureFuture) return a {@link Future} to {@code await()}.
 */
public final class Asyncio {
    private static final ThreadLocal<EventLoop> THREAD_LOOP = new ThreadLocal<>();

    private Asyncio() {
    }

    // ---- running --------------------------------------------------------------------------------

    /**
     * Runs {@code main} on a new event loop and returns its result, then cancels what is left,
     * shuts the default executor down and closes the loop: asyncio's {@code asyncio.run}.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result (its exception is rethrown as is)
     * @throws IllegalStateException if an event loop is already running on this thread
     */
    public static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner()) {
            return runner.run(main);
        }
    }

    /**
     * Like {@link #run(Coroutine)}, with debug mode on or off: {@code asyncio.run(main, debug=)}.
     *
     * @param main the main coroutine
     * @param debug debug mode
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        try (Runner runner = new Runner(debug)) {
            return runner.run(main);
        }
    }

    // ---- loops ----------------------------------------------------------------------------------

    /** {@return a new event loop on the real clock} asyncio's {@code new_event_loop()}. */
    public static EventLoop newEventLoop() {
        return LoopRuntime.create();
    }

    /**
     * {@return the loop running on this thread (or driving this task)} asyncio's
     * {@code get_running_loop()}.
     *
     * @throws IllegalStateException if there is none
     */
    public static EventLoop getRunningLoop() {
        LoopRuntime loop = LoopRuntime.runningOnThisThread();
        if (loop == null || loop.isClosed() || (!loop.isRunning() && Task.current() == null)) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * {@return the running loop; else this thread's loop, created and set on first use}
     * asyncio's {@code get_event_loop()}.
     *
     * <p><b>Differences from asyncio.</b> Python 3.12+ warns (3.14 fails) when this creates a
     * loop; asyncio4j creates one for any thread, as the tutorial-era asyncio did.
     */
    public static EventLoop getEventLoop() {
        LoopRuntime running = LoopRuntime.runningOnThisThread();
        if (running != null && !running.isClosed() && (running.isRunning() || Task.current() != null)) {
            return running;
        }
        EventLoop loop = THREAD_LOOP.get();
        if (loop == null || loop.isClosed()) {
            loop = newEventLoop();
            THREAD_LOOP.set(loop);
        }
        return loop;
    }

    /**
     * Sets this thread's event loop (or clears it with {@code null}): asyncio's
     * {@code set_event_loop()}.
     *
     * @param loop the loop
     */
    public static void setEventLoop(EventLoop loop) {
        if (loop == null) {
            THREAD_LOOP.remove();
        } else {
            THREAD_LOOP.set(loop);
        }
    }

    static EventLoop peekThreadLoop() {
        return THREAD_LOOP.get();
    }

    /**
     * {@return the strand mode of this process} Fast mode needs
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (class path) or
     * {@code --add-opens java.base/java.lang=io.asyncio4j} (module path); select one with
     * {@code -Dasyncio4j.strands=fast|portable|auto}. No asyncio counterpart.
     *
     * @throws IllegalStateException if {@code -Dasyncio4j.strands=fast} was asked for but the JVM
     *         flag is missing (the message names it)
     */
    public static StrandMode strandMode() {
        return StrandFactory.processMode();
    }

    // ---- tasks ---------------------------------------------------------------------------------

    /**
     * Schedules {@code coro} as a task on the running loop: asyncio's {@code create_task}.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /**
     * Schedules a named task on the running loop.
     *
     * @param coro the body
     * @param name the task's name
     * @param <T> its result type
     * @return the task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * {@return {@code coro} scheduled as a task on the running loop} asyncio's
     * {@code ensure_future(coro)}. Outside a running loop, the loop set on this thread (by
     * {@link #setEventLoop} or an earlier {@link #getEventLoop}) is used, as asyncio 3.13 does;
     * with neither it fails instead of quietly creating a loop nobody runs (asyncio 3.13 warns
     * "There is no current event loop" there, and 3.14 raises).
     *
     * @param coro the body
     * @param <T> its result type
     * @throws IllegalStateException if no loop is running or set on this thread
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coro) {
        return currentLoop("ensureFuture").createTask(coro);
    }

    /**
     * {@return {@code coro} scheduled as a task on {@code loop}} asyncio's
     * {@code ensure_future(coro, loop=loop)}.
     *
     * @param coro the body
     * @param loop the loop
     * @param <T> its result type
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coro, EventLoop loop) {
        return Objects.requireNonNull(loop, "loop").createTask(coro);
    }

    /**
     * The loop asyncio's {@code ensure_future} picks: the running one, else the one set on this
     * thread, else none (asyncio 3.13 warns and creates one; 3.14 raises; so do we).
     */
    private static EventLoop currentLoop(String what) {
        LoopRuntime running = LoopRuntime.runningOnThisThread();
        if (running != null && !running.isClosed() && (running.isRunning() || Task.current() != null)) {
            return running;
        }
        EventLoop set = THREAD_LOOP.get();
        if (set != null && !set.isClosed()) {
            return set;
        }
        throw new IllegalStateException(what + ": there is no current event loop (none is running and none was set"
                + " on this thread with setEventLoop); call it inside a task, or pass the loop explicitly");
    }

    /**
     * {@return {@code future} itself} asyncio's {@code ensure_future(future)}.
     *
     * @param future a future
     * @param <T> its result type
     */
    public static <T> Future<T> ensureFuture(Future<T> future) {
        return Objects.requireNonNull(future, "future");
    }

    /**
     * {@return the task running the caller, or {@code null} in a plain callback of the running
     * loop} asyncio's {@code current_task()}.
     *
     * @throws IllegalStateException "no running event loop" when called outside a running loop,
     *         as asyncio's RuntimeError (use {@link #currentTask(EventLoop)} to ask about a loop
     *         that may not be running)
     */
    public static Task<?> currentTask() {
        Task<?> task = Task.current();
        if (task == null) {
            getRunningLoop();
        }
        return task;
    }

    /**
     * {@return the task of {@code loop} running the caller, or {@code null} if none (also when
     * {@code loop} is not running)} asyncio's {@code current_task(loop)}.
     *
     * @param loop the loop to ask about
     */
    public static Task<?> currentTask(EventLoop loop) {
        Objects.requireNonNull(loop, "loop");
        Task<?> task = Task.current();
        return task != null && task.getLoop() == loop ? task : null;
    }

    /** {@return the running loop's tasks that are not done} asyncio's {@code all_tasks()}. */
    public static Set<Task<?>> allTasks() {
        return allTasks(getRunningLoop());
    }

    /**
     * {@return {@code loop}'s tasks that are not done}
     *
     * @param loop the loop
     */
    public static Set<Task<?>> allTasks(EventLoop loop) {
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t : LoopRuntime.of(loop).pendingTasks()) {
            if (!t.done()) {
                out.add(t);
            }
        }
        return out;
    }

    // ---- suspending -------------------------------------------------------------------------------

    /**
     * Suspends the current task until {@code future} is done: {@code await future}.
     *
     * @param future the future
     * @param <T> its result type
     * @return its result
     */
    public static <T> T await(Future<T> future) {
        return future.await();
    }

    /**
     * Suspends the current task until a Java {@link CompletionStage} completes (it may complete on
     * any thread): {@code await asyncio.wrap_future(f)}.
     *
     * @param stage the stage
     * @param <T> its result type
     * @return its result
     */
    public static <T> T await(CompletionStage<T> stage) {
        return wrapFuture(stage).await();
    }

    /**
     * Suspends the current task for {@code delay} seconds: asyncio's {@code sleep}.
     * {@code sleep(0)} yields: every other ready callback runs once before the task resumes.
     *
     * <p>Every delay in asyncio4j follows one rule (seconds or {@link Duration}): zero or negative
     * means now (here: just yield), infinite or longer than about 73 years means never (here:
     * until cancelled), NaN is refused with {@link IllegalArgumentException}.
     *
     * @param delay seconds
     * @throws IllegalArgumentException if {@code delay} is NaN
     */
    public static void sleep(double delay) {
        sleep(delay, null);
    }

    /**
     * Suspends the current task for {@code delay}, of any length: negative yields, about 73 years
     * or more sleeps until cancelled (see {@link #sleep(double)}).
     *
     * @param delay how long
     */
    public static void sleep(Duration delay) {
        sleep(Delays.seconds(delay, "delay"), null);
    }

    /**
     * Suspends the current task for {@code delay} seconds, then returns {@code result}:
     * {@code asyncio.sleep(delay, result)}.
     *
     * @param delay seconds
     * @param result what to return
     * @param <T> its type
     * @return {@code result}
     */
    public static <T> T sleep(double delay, T result) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        Task<?> task = Task.currentForAwait();
        if (delay <= 0) {
            task.yieldNow();
            return result;
        }
        EventLoop loop = task.getLoop();
        Future<T> future = loop.createFuture();
        TimerHandle h = loop.callLater(delay, () -> {
            if (!future.done()) {
                future.setResult(result);
            }
        });
        try {
            return task.awaitFuture(future);
        } finally {
            h.cancel();
        }
    }

    // ---- combinators ------------------------------------------------------------------------------

    /**
     * Runs futures concurrently and completes with their results in argument order: asyncio's
     * {@code gather(*aws)}. The first exception (or cancellation) of a child becomes the result's;
     * the other children keep running. Cancelling the returned future cancels every child.
     *
     * @param futures the children (a future may appear twice)
     * @param <T> their result type
     * @return a future of the results
     */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        return gatherOn(futures, false);
    }

    /**
     * Like {@link #gather(List)} for futures of mixed types.
     *
     * @param futures the children
     * @return a future of the results, in argument order
     */
    public static Future<List<Object>> gather(Future<?>... futures) {
        return gatherOn(Arrays.asList(futures), false);
    }

    /**
     * Gathers two futures and combines their results with {@code combine}: the typed form of
     * {@code a, b = await asyncio.gather(fa, fb)}. The children run concurrently; the first
     * exception (or cancellation) of a child becomes the result's, as with
     * {@link #gather(Future...)}; an exception from {@code combine} does too. Cancelling the
     * returned future cancels both children.
     *
     * {@snippet :
     * record Page(String head, byte[] body) { }
     * Page p = gather(createTask(() -> head(url)), createTask(() -> body(url)), Page::new).await();
     * }
     *
     * @param a the first child
     * @param b the second child
     * @param combine what to make of the two results (a record constructor fits)
     * @param <A> the first result type
     * @param <B> the second result type
     * @param <R> the combined type
     * @return a future of the combined value
     */
    @SuppressWarnings("unchecked")
    public static <A, B, R> Future<R> gather(Future<A> a, Future<B> b, Combine2<? super A, ? super B, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        return TypedGather.over(Arrays.asList(a, b), r -> combine.apply((A) r.get(0), (B) r.get(1)));
    }

    /**
     * Gathers three futures and combines their results: like
     * {@link #gather(Future, Future, Combine2)}.
     *
     * @param a the first child
     * @param b the second child
     * @param c the third child
     * @param combine what to make of the three results
     * @param <A> the first result type
     * @param <B> the second result type
     * @param <C> the third result type
     * @param <R> the combined type
     * @return a future of the combined value
     */
    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Future<R> gather(Future<A> a, Future<B> b, Future<C> c,
                                                Combine3<? super A, ? super B, ? super C, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        return TypedGather.over(Arrays.asList(a, b, c), r -> combine.apply((A) r.get(0), (B) r.get(1), (C) r.get(2)));
    }

    /**
     * Gathers four futures and combines their results: like
     * {@link #gather(Future, Future, Combine2)}.
     *
     * @param a the first child
     * @param b the second child
     * @param c the third child
     * @param d the fourth child
     * @param combine what to make of the four results
     * @param <A> the first result type
     * @param <B> the second result type
     * @param <C> the third result type
     * @param <D> the fourth result type
     * @param <R> the combined type
     * @return a future of the combined value
     */
    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Future<R> gather(Future<A> a, Future<B> b, Future<C> c, Future<D> d,
                                                   Combine4<? super A, ? super B, ? super C, ? super D, ? extends R> combine) {
        Objects.requireNonNull(combine, "combine");
        return TypedGather.over(Arrays.asList(a, b, c, d),
                r -> combine.apply((A) r.get(0), (B) r.get(1), (C) r.get(2), (D) r.get(3)));
    }

    /**
     * Schedules each coroutine as a task and gathers them. The tasks go to the loop
     * {@link #ensureFuture(Coroutine)} picks.
     *
     * @param coros the coroutines
     * @return a future of the results, in argument order
     * @throws IllegalStateException if no loop is running or set on this thread
     */
    public static Future<List<Object>> gather(Coroutine<?>... coros) {
        EventLoop loop = currentLoop("gather");
        List<Future<?>> tasks = new ArrayList<>(coros.length);
        for (Coroutine<?> c : coros) {
            tasks.add(loop.createTask(c));
        }
        return gatherOn(tasks, false);
    }

    /**
     * {@code gather(*aws, return_exceptions=True)}: waits for every child; a child's exception (or
     * {@link CancelledError}) takes its place in the results instead of failing the whole.
     *
     * @param futures the children
     * @return a future of results and exceptions, in argument order
     */
    public static Future<List<Object>> gatherSettled(List<? extends Future<?>> futures) {
        return gatherOn(futures, true);
    }

    /**
     * {@code gather(*aws, return_exceptions=True)} for futures given one by one.
     *
     * @param futures the children
     * @return a future of results and exceptions, in argument order
     */
    public static Future<List<Object>> gatherSettled(Future<?>... futures) {
        return gatherOn(Arrays.asList(futures), true);
    }

    /**
     * {@code gather(*aws, return_exceptions=...)} with the flag spelled out.
     *
     * @param futures the children
     * @param returnExceptions whether exceptions are returned as results
     * @return a future of the results
     */
    public static Future<List<Object>> gather(List<? extends Future<?>> futures, boolean returnExceptions) {
        return gatherOn(futures, returnExceptions);
    }

    private static <T> Future<List<T>> gatherOn(List<? extends Future<?>> futures, boolean returnExceptions) {
        if (futures.isEmpty()) {
            Future<List<T>> outer = getEventLoop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        EventLoop loop = futures.get(0).getLoop();
        for (Future<?> f : futures) {
            if (f.getLoop() != loop) {
                throw new IllegalArgumentException("gather: futures belong to different event loops");
            }
        }
        return GatheringFuture.over(loop, futures, returnExceptions);
    }

    /**
     * Waits until all the futures are done: asyncio's {@code wait(fs)}.
     *
     * @param futures the futures, not empty
     * @param <T> their result type
     * @return which are done and which are pending
     */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures) {
        return wait(futures, Timeout.NEVER, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits for the futures until {@code returnWhen} holds, without a time limit:
     * {@code wait(fs, return_when=)}.
     *
     * @param futures the futures, not empty
     * @param returnWhen when to return
     * @param <T> their result type
     * @return which are done and which are pending
     */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures, ReturnWhen returnWhen) {
        return wait(futures, Timeout.NEVER, returnWhen);
    }

    /**
     * Waits for the futures until {@code returnWhen} holds or {@code timeout} seconds pass:
     * asyncio's {@code wait(fs, timeout=, return_when=)}. A timeout does not cancel anything; it
     * only returns early.
     *
     * @param futures the futures, not empty
     * @param timeout seconds, or {@link Timeout#NEVER} for no limit (asyncio's {@code None})
     * @param returnWhen when to return
     * @param <T> their result type
     * @return which are done and which are pending
     * @throws IllegalArgumentException if {@code futures} is empty or {@code timeout} is NaN
     */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures, double timeout, ReturnWhen returnWhen) {
        return Wait.forFutures(futures, Delays.checked(timeout, "timeout"), returnWhen);
    }

    /**
     * Like {@link #wait(Collection, double, ReturnWhen)} with a {@link Duration}.
     *
     * @param futures the futures, not empty
     * @param timeout how long at most
     * @param returnWhen when to return
     * @param <T> their result type
     * @return which are done and which are pending
     */
    public static <T> Done<T> wait(Collection<? extends Future<T>> futures, Duration timeout, ReturnWhen returnWhen) {
        return wait(futures, Delays.seconds(timeout, "timeout"), returnWhen);
    }

    /**
     * {@return the futures in the order they complete} asyncio's {@code as_completed(fs)}: each
     * {@code next()} suspends the task until one more future is done and returns it.
     *
     * {@snippet :
     * for (Future<String> f : asCompleted(tasks)) {
     *     System.out.println(f.await());   // done already: no suspension
     * }
     * }
     *
     * <p><b>Differences from asyncio.</b> This is asyncio 3.13's {@code async for} form (the
     * original futures, handed out as they finish), so it must be iterated inside a task. The
     * plain {@code for} form, which hands out placeholder awaitables before anything finished,
     * is {@link #asCompletedPlaceholders(Collection)}. A future passed twice is returned once, as
     * in asyncio.
     *
     * @param futures the futures
     * @param <T> their result type
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures) {
        return asCompleted(futures, Timeout.NEVER);
    }

    /**
     * Like {@link #asCompleted(Collection)}; after {@code timeout} seconds, {@code next()} throws
     * {@link TimeoutError} for each future still pending.
     *
     * @param futures the futures
     * @param timeout seconds, or {@link Timeout#NEVER} for no limit
     * @param <T> their result type
     * @return an iterable that can be iterated once
     * @throws IllegalArgumentException if {@code timeout} is NaN
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures, double timeout) {
        Delays.checked(timeout, "timeout");
        EventLoop loop = futures.isEmpty() ? getEventLoop() : futures.iterator().next().getLoop();
        return new AsCompleted<>(loop, futures, timeout);
    }

    /**
     * Like {@link #asCompleted(Collection, double)} with a {@link Duration}.
     *
     * @param futures the futures
     * @param timeout how long at most
     * @param <T> their result type
     * @return an iterable that can be iterated once
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Duration timeout) {
        return asCompleted(futures, Delays.seconds(timeout, "timeout"));
    }

    /**
     * {@return one placeholder coroutine per distinct future, handed out at once} asyncio's
     * plain-iterator form of {@code as_completed(fs)} ({@code for c in as_completed(fs): await c}).
     * Calling a placeholder suspends until the next future is done and returns its result (or
     * throws its exception); whichever placeholder is called first gets the first future to
     * finish, whatever its position in the list.
     *
     * {@snippet :
     * for (Coroutine<String> next : asCompletedPlaceholders(tasks)) {
     *     System.out.println(next.call());
     * }
     * }
     *
     * @param futures the futures
     * @param <T> their result type
     */
    public static <T> List<Coroutine<T>> asCompletedPlaceholders(Collection<? extends Future<T>> futures) {
        return asCompletedPlaceholders(futures, Timeout.NEVER);
    }

    /**
     * Like {@link #asCompletedPlaceholders(Collection)}; after {@code timeout} seconds, each
     * placeholder called and not yet served throws {@link TimeoutError}.
     *
     * @param futures the futures
     * @param timeout seconds, or {@link Timeout#NEVER} for no limit (asyncio's {@code None})
     * @param <T> their result type
     * @return the placeholders, one per distinct future
     * @throws IllegalArgumentException if {@code timeout} is NaN
     */
    public static <T> List<Coroutine<T>> asCompletedPlaceholders(Collection<? extends Future<T>> futures,
                                                                 double timeout) {
        Delays.checked(timeout, "timeout");
        EventLoop loop = futures.isEmpty() ? getEventLoop() : futures.iterator().next().getLoop();
        return new AsCompleted<>(loop, futures, timeout).placeholders();
    }

    /**
     * Like {@link #asCompletedPlaceholders(Collection, double)} with a {@link Duration}.
     *
     * @param futures the futures
     * @param timeout how long at most
     * @param <T> their result type
     * @return the placeholders, one per distinct future
     */
    public static <T> List<Coroutine<T>> asCompletedPlaceholders(Collection<? extends Future<T>> futures,
                                                                 Duration timeout) {
        return asCompletedPlaceholders(futures, Delays.seconds(timeout, "timeout"));
    }

    /**
     * Awaits {@code future} for at most {@code timeout} seconds; on timeout cancels it, waits for
     * it to finish cancelling, and throws {@link TimeoutError}: asyncio's {@code wait_for}. If the
     * future swallows the cancellation and returns a value, that value is returned.
     *
     * @param future what to wait for
     * @param timeout seconds, or {@link Timeout#NEVER} for no limit (asyncio's {@code None})
     * @param <T> its result type
     * @return its result
     * @throws IllegalArgumentException if {@code timeout} is NaN
     */
    public static <T> T waitFor(Future<T> future, double timeout) {
        return WaitFor.future(future, Delays.checked(timeout, "timeout"));
    }

    /**
     * Like {@link #waitFor(Future, double)} with a {@link Duration}.
     *
     * @param future what to wait for
     * @param timeout how long at most
     * @param <T> its result type
     * @return its result
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        return waitFor(future, Delays.seconds(timeout, "timeout"));
    }

    /**
     * Runs {@code coro} with a deadline {@code timeout} seconds from now:
     * {@code wait_for(coro(), timeout)}. As in asyncio 3.12+ (whose code awaits the coroutine
     * inside a {@code timeout()} scope, although its docstring still says "wrapped in Task"),
     * the body runs inline in the caller's task, so {@link #currentTask()} inside is the caller;
     * only a timeout of zero or less first wraps it in a task, which is cancelled at once.
     *
     * @param coro what to run
     * @param timeout seconds, or {@link Timeout#NEVER} for no limit
     * @param <T> its result type
     * @return its result
     * @throws IllegalArgumentException if {@code timeout} is NaN
     */
    public static <T> T waitFor(Coroutine<T> coro, double timeout) {
        return WaitFor.coroutine(coro, Delays.checked(timeout, "timeout"));
    }

    /**
     * Like {@link #waitFor(Coroutine, double)} with a {@link Duration}.
     *
     * @param coro what to run
     * @param timeout how long at most
     * @param <T> its result type
     * @return its result
     */
    public static <T> T waitFor(Coroutine<T> coro, Duration timeout) {
        return waitFor(coro, Delays.seconds(timeout, "timeout"));
    }

    /**
     * Runs {@code body} in the current task with a deadline {@code delay} seconds from now:
     * asyncio's {@code async with asyncio.timeout(delay):}. See {@link Timeout}.
     *
     * @param delay seconds, or {@link Timeout#NEVER} for no deadline (it can be set later)
     * @param body the body, given the scope
     * @param <T> its result type
     * @return what the body returned
     * @throws TimeoutError if the deadline passed while the body ran
     * @throws IllegalArgumentException if {@code delay} is NaN
     */
    public static <T> T timeout(double delay, Timeout.Body<T> body) {
        Delays.checked(delay, "delay");
        double when = Delays.isUnlimited(delay) ? Timeout.NEVER : getRunningLoop().time() + delay;
        return new Timeout(when).run(body);
    }

    /**
     * Runs {@code body} in a timeout scope with no deadline yet, which the body may set with
     * {@link Timeout#reschedule(double)}: {@code async with asyncio.timeout(None) as scope:}.
     *
     * @param body the body, given the scope
     * @param <T> its result type
     * @return what the body returned
     */
    public static <T> T timeout(Timeout.Body<T> body) {
        return timeout(Timeout.NEVER, body);
    }

    /**
     * Like {@link #timeout(double, Timeout.Body)} for a body that does not need the scope.
     *
     * @param delay seconds, or {@link Timeout#NEVER}
     * @param body the body
     * @param <T> its result type
     * @return what the body returned
     */
    public static <T> T timeout(double delay, Coroutine<T> body) {
        return timeout(delay, scope -> body.call());
    }

    /**
     * Like {@link #timeout(double, Timeout.Body)} with a {@link Duration}.
     *
     * @param delay how long
     * @param body the body, given the scope
     * @param <T> its result type
     * @return what the body returned
     */
    public static <T> T timeout(Duration delay, Timeout.Body<T> body) {
        return timeout(Delays.seconds(delay, "delay"), body);
    }

    /**
     * Like {@link #timeout(double, Coroutine)} with a {@link Duration}.
     *
     * @param delay how long
     * @param body the body
     * @param <T> its result type
     * @return what the body returned
     */
    public static <T> T timeout(Duration delay, Coroutine<T> body) {
        return timeout(Delays.seconds(delay, "delay"), scope -> body.call());
    }

    /**
     * Runs {@code body} with an absolute deadline in loop time: asyncio's {@code timeout_at}.
     * (A deadline is a point on the loop's clock, not a length, so there is no {@link Duration}
     * form: use {@link #timeout(Duration, Timeout.Body)}.)
     *
     * @param when the deadline ({@link EventLoop#time()}), or {@link Timeout#NEVER}
     * @param body the body, given the scope
     * @param <T> its result type
     * @return what the body returned
     * @throws IllegalArgumentException if {@code when} is NaN
     */
    public static <T> T timeoutAt(double when, Timeout.Body<T> body) {
        return new Timeout(when).run(body);
    }

    /**
     * Like {@link #timeoutAt(double, Timeout.Body)} for a body that does not need the scope.
     *
     * @param when the deadline, or {@link Timeout#NEVER}
     * @param body the body
     * @param <T> its result type
     * @return what the body returned
     */
    public static <T> T timeoutAt(double when, Coroutine<T> body) {
        return new Timeout(when).run(scope -> body.call());
    }

    /**
     * Protects {@code future} from cancellation: asyncio's {@code shield}. Cancelling the returned
     * future (or the task awaiting it) does not cancel {@code future}, which keeps running.
     *
     * @param future the future to protect
     * @param <T> its result type
     * @return a future that mirrors {@code future} unless it is itself cancelled
     */
    public static <T> Future<T> shield(Future<T> future) {
        return Shield.future(future);
    }

    /**
     * Schedules {@code coro} as a task and shields it: {@code shield(coro())}. The task goes to
     * the loop {@link #ensureFuture(Coroutine)} picks.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the shielding future
     * @throws IllegalStateException if no loop is running or set on this thread
     */
    public static <T> Future<T> shield(Coroutine<T> coro) {
        return shield(currentLoop("shield").createTask(coro));
    }

    // ---- threads ----------------------------------------------------------------------------------

    /**
     * Runs {@code fn} on the loop's default executor, in a copy of the current context, and
     * suspends the task until it returns: asyncio's {@code to_thread}.
     *
     * @param fn the blocking work
     * @param <T> its result type
     * @return its result
     */
    public static <T> T toThread(Callable<T> fn) {
        Task<?> task = Task.currentForAwait();
        Context ctx = Context.copyCurrent();
        return task.awaitFuture(task.getLoop().runInExecutor(null, () -> ctx.run(fn)));
    }

    /**
     * Submits {@code coro} to {@code loop} from another thread: asyncio's
     * {@code run_coroutine_threadsafe}. Cancelling the returned future cancels the task.
     *
     * @param coro the coroutine
     * @param loop a loop running on another thread
     * @param <T> its result type
     * @return a future completed with the task's outcome
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        return ThreadsafeTask.submit(coro, loop);
    }

    /**
     * Wraps a Java {@link CompletionStage} in a future of the running (or current) loop:
     * asyncio's {@code wrap_future}.
     *
     * @param stage the stage
     * @param <T> its result type
     * @return the future
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return Future.wrap(stage, getEventLoop());
    }

    // ---- streams and subprocesses (coroutines) ----------------------------------------------------

    /**
     * Opens a TCP connection and returns its reader and writer: asyncio's
     * {@code open_connection(host, port)}. Suspends the current task until connected.
     *
     * @param host the host
     * @param port the port
     * @return the reader and the writer
     */
    public static StreamPair openConnection(String host, int port) {
        return Streams.openConnection(host, port, ConnectOptions.DEFAULT, Streams.DEFAULT_LIMIT);
    }

    /**
     * {@code open_connection} with TLS and the other keyword arguments.
     *
     * @param host the host
     * @param port the port
     * @param options TLS, server_hostname, local_addr, timeouts
     * @return the reader and the writer
     */
    public static StreamPair openConnection(String host, int port, ConnectOptions options) {
        return Streams.openConnection(host, port, options, Streams.DEFAULT_LIMIT);
    }

    /**
     * Starts a TCP server that runs {@code client} as a new task for each connection: asyncio's
     * {@code start_server(client_connected_cb, host, port)}.
     *
     * @param client the per-connection callback
     * @param host the host, or {@code null} for every interface
     * @param port the port, or 0 for an ephemeral one
     * @return the server (serving already)
     */
    public static Server startServer(ClientConnected client, String host, int port) {
        return Streams.startServer(client, host, port, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
    }

    /**
     * {@code start_server} with TLS and the other keyword arguments.
     *
     * @param client the per-connection callback
     * @param host the host, or {@code null}
     * @param port the port, or 0
     * @param options backlog, TLS, SO_REUSEPORT, ...
     * @return the server
     */
    public static Server startServer(ClientConnected client, String host, int port, ServerOptions options) {
        return Streams.startServer(client, host, port, options, Streams.DEFAULT_LIMIT);
    }

    /**
     * Opens a Unix domain socket connection: asyncio's {@code open_unix_connection(path)}.
     *
     * @param path the socket's path
     * @return the reader and the writer
     */
    public static StreamPair openUnixConnection(Path path) {
        return Streams.openUnixConnection(path, ConnectOptions.DEFAULT, Streams.DEFAULT_LIMIT);
    }

    /**
     * Starts a Unix domain socket server: asyncio's {@code start_unix_server(cb, path)}.
     *
     * @param client the per-connection callback
     * @param path the socket's path
     * @return the server
     */
    public static Server startUnixServer(ClientConnected client, Path path) {
        return Streams.startUnixServer(client, path, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
    }

    /**
     * Starts a child process: asyncio's {@code create_subprocess_exec(*args, stdin=, stdout=, stderr=)}.
     *
     * @param args the program and its arguments
     * @param options pipes, cwd, env
     * @return the process
     */
    public static Subprocess createSubprocessExec(List<String> args, SubprocessOptions options) {
        return Subprocesses.createSubprocessExec(args, options);
    }

    /**
     * Runs a shell command as a child process: asyncio's {@code create_subprocess_shell}.
     *
     * @param command the command, for {@code /bin/sh -c}
     * @param options pipes, cwd, env
     * @return the process
     */
    public static Subprocess createSubprocessShell(String command, SubprocessOptions options) {
        return Subprocesses.createSubprocessShell(command, options);
    }

    // ---- call graph ------------------------------------------------------------------------------

    /**
     * {@return the call graph of {@code future}: what it awaits and which tasks await it, up to
     * the root} asyncio's {@code capture_call_graph(future)} (Python 3.14); see {@link CallGraph}.
     *
     * @param future a future or task
     */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return CallGraph.capture(future);
    }

    /**
     * Prints the call graph of {@code future} to {@code System.out}: asyncio's
     * {@code print_call_graph(future)} (Python 3.14); see {@link CallGraph#print}.
     *
     * @param future a future or task
     */
    public static void printCallGraph(Future<?> future) {
        CallGraph.print(future, System.out);
    }
}
