package io.asyncio4j;

import io.asyncio4j.internal.loop.LoopRuntime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs coroutines on one event loop that it creates and finally closes: asyncio's
 * {@code asyncio.Runner}. {@link Asyncio#run} is {@code try (var r = new Runner()) { return r.run(main); }}.
 *
 * <p>Closing the runner cancels the tasks still pending and waits for them to finish, shuts the
 * default executor down (waiting for its threads), then closes the loop.
 *
 * {@snippet :
 * try (Runner runner = new Runner()) {
 *     runner.run(() -> setUp());
 *     runner.run(() -> serve());   // same loop, same context
 * }
 * }
 */
public final class Runner implements AutoCloseable {
    private final Boolean debug;
    private final Supplier<EventLoop> loopFactory;
    private EventLoop loop;
    private Context context;
    private boolean closed;
    private boolean setAsThreadLoop;

    /** A runner with a new default loop, debug mode from the environment. */
    public Runner() {
        this(null, null);
    }

    /**
     * A runner whose loop is in debug mode or not.
     *
     * @param debug whether the loop runs in debug mode
     */
    public Runner(boolean debug) {
        this(debug, null);
    }

    /**
     * A runner with a custom loop factory: asyncio's {@code Runner(loop_factory=...)}.
     *
     * @param debug debug mode, or {@code null} to leave the loop's default
     * @param loopFactory makes the loop, or {@code null} for {@link Asyncio#newEventLoop()}
     */
    public Runner(Boolean debug, Supplier<EventLoop> loopFactory) {
        this.debug = debug;
        this.loopFactory = loopFactory;
    }

    /**
     * Runs {@code coro} to completion on the runner's loop: asyncio's {@code Runner.run}.
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return its result
     * @throws IllegalStateException if an event loop is already running on this thread
     */
    public <T> T run(Coroutine<T> coro) {
        Objects.requireNonNull(coro, "coro");
        LoopRuntime running = LoopRuntime.runningOnThisThread();
        if (running != null && running.isRunning()) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop");
        }
        EventLoop l = lazyInit();
        Task<T> task = l.createTask(coro, TaskOptions.DEFAULT.withContext(context));
        return l.runUntilComplete(task);
    }

    /** {@return the runner's loop, creating it if needed} asyncio's {@code Runner.get_loop()}. */
    public EventLoop getLoop() {
        return lazyInit();
    }

    private EventLoop lazyInit() {
        if (closed) {
            throw new IllegalStateException("Runner is closed");
        }
        if (loop == null) {
            if (loopFactory == null) {
                loop = Asyncio.newEventLoop();
                if (Asyncio.peekThreadLoop() == null || Asyncio.peekThreadLoop().isClosed()) {
                    Asyncio.setEventLoop(loop);
                    setAsThreadLoop = true;
                }
            } else {
                loop = loopFactory.get();
            }
            if (debug != null) {
                loop.setDebug(debug);
            }
            context = new Context();
        }
        return loop;
    }

    /**
     * Cancels what is still pending, shuts the default executor down, closes the loop.
     * asyncio's {@code Runner.close()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (loop != null && !loop.isClosed()) {
                cancelAllTasks(loop);
                loop.runUntilComplete(loop.shutdownDefaultExecutor());
            }
        } finally {
            if (loop != null) {
                if (setAsThreadLoop) {
                    Asyncio.setEventLoop(null);
                }
                loop.close();
            }
            loop = null;
            closed = true;
        }
    }

    /** asyncio's {@code runners._cancel_all_tasks}. */
    static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> pending = LoopRuntime.of(loop).pendingTasks();
        if (pending.isEmpty()) {
            return;
        }
        for (Task<?> t : pending) {
            t.cancel();
        }
        loop.runUntilComplete(GatheringFuture.over(loop, pending, true));
        for (Task<?> t : pending) {
            if (t.cancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "unhandled exception during asyncio.run() shutdown");
                ctx.put("exception", e);
                ctx.put("task", t);
                loop.callExceptionHandler(ctx);
            }
        }
    }
}
