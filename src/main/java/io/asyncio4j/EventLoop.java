package io.asyncio4j;

import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * A single-threaded event loop: asyncio's {@code AbstractEventLoop}, implemented over a
 * {@link java.nio.channels.Selector}.
 *
 * <p>One thread runs the loop ({@link #runForever}, {@link #runUntilComplete}); callbacks,
 * timers, I/O readiness and task steps all run on it, one at a time. Every method is meant to be
 * called on that thread (or before the loop runs), except {@link #callSoonThreadsafe},
 * {@link #stop()} after being scheduled threadsafe, and {@link #isRunning()}/{@link #isClosed()}.
 * In {@linkplain #setDebug debug mode} calling them from another thread fails fast.
 *
 * <p>States: {@code created -> (running <-> stopped)* -> closed}.
 *
 * <p>Create one with {@link Asyncio#newEventLoop()}, or let {@link Asyncio#run} manage it.
 */
public interface EventLoop extends AutoCloseable {

    // ---- running and stopping ------------------------------------------------------------

    /**
     * Runs until {@code future} is done and returns its result (or throws its exception):
     * asyncio's {@code loop.run_until_complete}.
     *
     * @param future the future to wait for
     * @param <T> its result type
     * @return the result
     * @throws IllegalStateException if the loop is closed or already running (on any thread)
     */
    <T> T runUntilComplete(Future<T> future);

    /**
     * Wraps {@code coro} in a task and runs until it is done: {@code run_until_complete(coro)}.
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return the result
     */
    <T> T runUntilComplete(Coroutine<T> coro);

    /** Runs until {@link #stop()} is called: asyncio's {@code loop.run_forever}. */
    void runForever();

    /**
     * Stops the loop after the current iteration (callbacks already scheduled for this
     * iteration still run): asyncio's {@code loop.stop}. If the loop is not running, the next
     * {@link #runForever()} runs one iteration and returns.
     */
    void stop();

    /** {@return whether the loop is running} */
    boolean isRunning();

    /** {@return whether the loop was closed} */
    boolean isClosed();

    /**
     * Closes the loop: asyncio's {@code loop.close}. Pending callbacks are dropped, the default
     * executor is shut down without waiting, the selector is closed.
     *
     * <p><b>Differences from asyncio.</b> Tasks still pending are cancelled and their strands
     * unwound (finally blocks run; an {@code await} during the unwinding throws
     * {@link CancelledError} at once), so no strand outlives the loop. In debug mode each is
     * reported as "Task was destroyed but it is pending!".
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    void close();

    // ---- callbacks and time -----------------------------------------------------------------

    /** {@return the loop's clock in seconds: monotonic, asyncio's {@code loop.time()}} */
    double time();

    /** {@return the loop's clock in nanoseconds (same origin as {@link #time()})} */
    long nanoTime();

    /**
     * Schedules {@code callback} for the next iteration, in FIFO order, in a copy of the current
     * context: asyncio's {@code loop.call_soon}.
     *
     * @param callback what to run
     * @return a handle to cancel it
     */
    Handle callSoon(Runnable callback);

    /**
     * Like {@link #callSoon(Runnable)}, in the given context.
     *
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    Handle callSoon(Runnable callback, Context context);

    /**
     * Schedules {@code callback} from any thread and wakes the loop if it is waiting for I/O:
     * asyncio's {@code loop.call_soon_threadsafe}.
     *
     * @param callback what to run
     * @return a handle to cancel it
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Like {@link #callSoonThreadsafe(Runnable)}, in the given context.
     *
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    Handle callSoonThreadsafe(Runnable callback, Context context);

    /**
     * Schedules {@code callback} to run after {@code delay} seconds: asyncio's
     * {@code loop.call_later}. Timers due at the same time run in scheduling order.
     *
     * @param delay seconds from now (negative counts as zero)
     * @param callback what to run
     * @return a handle to cancel it
     */
    TimerHandle callLater(double delay, Runnable callback);

    /**
     * Like {@link #callLater(double, Runnable)} with a {@link Duration}.
     *
     * @param delay the delay
     * @param callback what to run
     * @return a handle to cancel it
     */
    default TimerHandle callLater(Duration delay, Runnable callback) {
        return callAtNanos(nanoTime() + Math.max(0, delay.toNanos()), callback, null);
    }

    /**
     * Schedules {@code callback} at {@code when}, in seconds on {@link #time()}'s clock:
     * asyncio's {@code loop.call_at}.
     *
     * @param when the loop time to run at
     * @param callback what to run
     * @return a handle to cancel it
     */
    TimerHandle callAt(double when, Runnable callback);

    /**
     * Schedules {@code callback} at a deadline in nanoseconds on {@link #nanoTime()}'s clock.
     *
     * @param deadlineNanos when to run
     * @param callback what to run
     * @param context the context to run it in ({@code null}: a copy of the current one)
     * @return a handle to cancel it
     */
    TimerHandle callAtNanos(long deadlineNanos, Runnable callback, Context context);

    // ---- futures and tasks ------------------------------------------------------------------

    /**
     * {@return a new pending future attached to this loop}: asyncio's {@code loop.create_future}.
     *
     * @param <T> the result type
     */
    <T> Future<T> createFuture();

    /**
     * Wraps {@code coro} in a task scheduled to start on this loop: asyncio's
     * {@code loop.create_task}.
     *
     * @param coro the body
     * @param <T> its result type
     * @return the task
     */
    default <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, TaskOptions.DEFAULT);
    }

    /**
     * Like {@link #createTask(Coroutine)} with a name.
     *
     * @param coro the body
     * @param name the task's name
     * @param <T> its result type
     * @return the task
     */
    default <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, TaskOptions.named(name));
    }

    /**
     * Like {@link #createTask(Coroutine)} with asyncio's keyword arguments (name, context,
     * eager start). Goes through the {@linkplain #setTaskFactory task factory} if one is set.
     *
     * @param coro the body
     * @param options name, context, eager start
     * @param <T> its result type
     * @return the task
     */
    <T> Task<T> createTask(Coroutine<T> coro, TaskOptions options);

    /**
     * Sets the factory {@link #createTask} uses, or {@code null} for the default:
     * asyncio's {@code loop.set_task_factory}.
     *
     * @param factory the factory
     */
    void setTaskFactory(TaskFactory factory);

    /** {@return the task factory, or {@code null} for the default} */
    TaskFactory getTaskFactory();

    // ---- threads ----------------------------------------------------------------------------

    /**
     * Runs {@code fn} on {@code executor} (the loop's default executor if {@code null}) and
     * returns a future of its result: asyncio's {@code loop.run_in_executor}.
     *
     * @param executor where to run it, or {@code null} for the default executor
     * @param fn what to run
     * @param <T> the result type
     * @return a future completed on the loop when {@code fn} finishes
     */
    <T> Future<T> runInExecutor(Executor executor, Callable<T> fn);

    /**
     * Replaces the default executor for {@link #runInExecutor}: asyncio's
     * {@code loop.set_default_executor}. The loop shuts it down when closed.
     *
     * @param executor the new default executor
     */
    void setDefaultExecutor(ExecutorService executor);

    /**
     * Shuts the default executor down and completes when all its threads finished:
     * asyncio's {@code loop.shutdown_default_executor}.
     *
     * @return a future completed when the executor has terminated
     */
    Future<Void> shutdownDefaultExecutor();

    // ---- errors and debugging ----------------------------------------------------------------

    /**
     * Sets the handler for errors the loop catches, or {@code null} for the default, which logs:
     * asyncio's {@code loop.set_exception_handler}.
     *
     * @param handler the handler
     */
    void setExceptionHandler(ExceptionHandler handler);

    /** {@return the exception handler, or {@code null} when the default is in use} */
    ExceptionHandler getExceptionHandler();

    /**
     * Reports an error to the exception handler: asyncio's {@code loop.call_exception_handler}.
     *
     * @param context asyncio's context dict: {@code "message"} and optionally {@code "exception"},
     *                {@code "future"}, {@code "task"}, {@code "handle"}, ...
     */
    void callExceptionHandler(Map<String, Object> context);

    /**
     * The default handler: logs the context through {@link System.Logger} at ERROR:
     * asyncio's {@code loop.default_exception_handler}.
     *
     * @param context what happened
     */
    void defaultExceptionHandler(Map<String, Object> context);

    /**
     * Turns debug mode on or off: asyncio's {@code loop.set_debug}. In debug mode the loop logs
     * callbacks slower than {@link #getSlowCallbackDuration()} with the stack of what blocked
     * it, reports tasks still pending at close, and fails fast when its methods are called from
     * another thread. Also on with {@code -Dasyncio4j.debug=true} or {@code PYTHONASYNCIODEBUG=1}.
     *
     * @param enabled on or off
     */
    void setDebug(boolean enabled);

    /** {@return whether debug mode is on} */
    boolean getDebug();

    /**
     * Sets how long a callback may run before debug mode reports it (seconds; default 0.1).
     *
     * @param seconds the threshold
     */
    void setSlowCallbackDuration(double seconds);

    /** {@return the slow-callback threshold in seconds} */
    double getSlowCallbackDuration();

    // ---- I/O readiness ------------------------------------------------------------------------

    /**
     * Calls {@code callback} whenever {@code channel} is readable (or, for a server channel,
     * acceptable): asyncio's {@code loop.add_reader}. The channel is made non-blocking.
     * Replaces a previous reader of the same channel.
     *
     * @param channel the channel
     * @param callback what to call
     */
    void addReader(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for reading: asyncio's {@code loop.remove_reader}.
     *
     * @param channel the channel
     * @return whether a reader was registered
     */
    boolean removeReader(SelectableChannel channel);

    /**
     * Calls {@code callback} whenever {@code channel} is writable (or its connect finished):
     * asyncio's {@code loop.add_writer}.
     *
     * @param channel the channel
     * @param callback what to call
     */
    void addWriter(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for writing: asyncio's {@code loop.remove_writer}.
     *
     * @param channel the channel
     * @return whether a writer was registered
     */
    boolean removeWriter(SelectableChannel channel);

    // ---- signals ------------------------------------------------------------------------------

    /**
     * Runs {@code callback} on the loop whenever the process receives signal {@code signal}
     * ({@code "INT"}, {@code "TERM"}, {@code "HUP"}, ...): asyncio's
     * {@code loop.add_signal_handler}. Replaces the JVM's own handling of that signal until
     * {@link #removeSignalHandler} or {@link #close()}.
     *
     * @param signal the signal's name, with or without the {@code SIG} prefix
     * @param callback what to run on the loop
     * @throws IllegalArgumentException if the JVM does not let the signal be handled
     */
    void addSignalHandler(String signal, Runnable callback);

    /**
     * Removes a handler set by {@link #addSignalHandler}, restoring the JVM's handling:
     * asyncio's {@code loop.remove_signal_handler}.
     *
     * @param signal the signal's name
     * @return whether a handler was removed
     */
    boolean removeSignalHandler(String signal);
}
