package io.asyncio4j;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An event loop running on a thread of its own, for applications whose main thread does
 * something else (a Reactor or servlet app, a GUI, a test that subscribes from outside): the
 * loop is made on the new thread, {@link #start()} returns once it runs, and {@link #close()}
 * stops it, waits for the thread, then cleans up and closes it as {@link Runner#close()} does.
 * asyncio has no such class; it is the thread Python code writes by hand around
 * {@code loop.run_forever()} to use {@code run_coroutine_threadsafe} from other threads.
 *
 * {@snippet :
 * try (EventLoopThread loopThread = EventLoopThread.start()) {
 *     CompletableFuture<String> reply = loopThread.submit(() -> Asyncio.sleep(0.1, "hi"));
 *     System.out.println(reply.join());
 * }
 * }
 *
 * <p>The thread is a daemon platform thread, so a forgotten loop does not keep the JVM alive.
 * In the portable strand mode the loop itself then runs on a virtual thread that this thread
 * waits for (as {@link EventLoop#runForever()} does in that mode), so
 * {@link EventLoop#inEventLoop()}, not a comparison with a thread, tells whether code runs on the loop.
 */
public final class EventLoopThread implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** How long {@link #close()} waits for the loop to wind down before it reports a stuck loop. */
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    private final Thread thread;
    private final EventLoop loop;
    private final CompletableFuture<Void> finished;

    private EventLoopThread(Thread thread, EventLoop loop, CompletableFuture<Void> finished) {
        this.thread = thread;
        this.loop = loop;
        this.finished = finished;
    }

    /** {@return a running thread with a new loop on the real clock} ({@link Asyncio#newEventLoop()}) */
    public static EventLoopThread start() {
        return start("asyncio4j-loop-thread-" + COUNT.incrementAndGet(), Asyncio::newEventLoop);
    }

    /**
     * Starts a thread whose loop {@code loopFactory} makes (on the new thread, so that the loop
     * belongs to it from the start): for instance {@code VirtualTimeLoop::create}, or a Reactor
     * virtual-time loop from the bridge.
     *
     * @param loopFactory makes the loop, which must be new (not running, not closed)
     * @return the started thread, its loop running
     */
    public static EventLoopThread start(Supplier<? extends EventLoop> loopFactory) {
        return start("asyncio4j-loop-thread-" + COUNT.incrementAndGet(), loopFactory);
    }

    /**
     * Starts a thread named {@code name} whose loop {@code loopFactory} makes, and waits until the
     * loop runs.
     *
     * @param name the thread's name
     * @param loopFactory makes the loop, which must be new (not running, not closed)
     * @return the started thread, its loop running
     * @throws IllegalStateException if the factory fails or the loop cannot run (the cause says why)
     */
    public static EventLoopThread start(String name, Supplier<? extends EventLoop> loopFactory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(loopFactory, "loopFactory");
        CompletableFuture<EventLoop> running = new CompletableFuture<>();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        Thread thread = new Thread(() -> runLoop(loopFactory, running, finished), name);
        thread.setDaemon(true);
        thread.start();
        EventLoop loop;
        try {
            loop = running.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the event loop thread '" + name + "' could not start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the event loop thread '" + name + "'", e);
        }
        return new EventLoopThread(thread, loop, finished);
    }

    private static void runLoop(Supplier<? extends EventLoop> loopFactory, CompletableFuture<EventLoop> running,
                                CompletableFuture<Void> finished) {
        EventLoop loop = null;
        try {
            loop = Objects.requireNonNull(loopFactory.get(), "the loop factory returned null");
            EventLoop made = loop;
            loop.callSoon(() -> running.complete(made));
            loop.runForever();
        } catch (Throwable e) {
            running.completeExceptionally(e);
            finished.completeExceptionally(e);
        } finally {
            try {
                if (loop != null && !loop.isClosed()) {
                    Runner.cancelAllTasks(loop);
                    loop.runUntilComplete(loop.shutdownDefaultExecutor());
                }
            } catch (Throwable e) {
                finished.completeExceptionally(e);
            } finally {
                if (loop != null) {
                    loop.close();
                }
                finished.complete(null);
            }
        }
    }

    /** {@return the running loop} Touch it from other threads only through its thread-safe methods. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Runs {@code coro} as a task on the loop, from any thread: {@link Asyncio#runCoroutineThreadsafe}
     * (asyncio's {@code run_coroutine_threadsafe}). Cancelling the returned future cancels the task.
     *
     * @param coro the coroutine
     * @param <T> its result type
     * @return a future completed with the task's outcome
     */
    public <T> CompletableFuture<T> submit(Coroutine<T> coro) {
        return Asyncio.runCoroutineThreadsafe(coro, loop);
    }

    /** {@return whether the loop is still running} False once {@link #close()} has stopped it. */
    public boolean isRunning() {
        return loop.isRunning();
    }

    /**
     * Stops the loop and waits until its thread has cancelled the tasks still pending (waiting
     * for them to finish), shut the default executor down and closed the loop, as
     * {@link Runner#close()} does. Idempotent. Must not be called on the loop itself, which
     * cannot wait for its own end.
     *
     * @throws IllegalStateException if called from the loop, or if the loop did not wind down
     *                               within 30 seconds (a task that ignores cancellation)
     */
    @Override
    public void close() {
        if (loop.inEventLoop() && loop.isRunning()) {
            throw new IllegalStateException("EventLoopThread.close() cannot be called from its own loop; "
                    + "call loop().stop() there, or close it from another thread");
        }
        try {
            loop.callSoonThreadsafe(loop::stop);
        } catch (IllegalStateException alreadyClosed) {
            // the loop ended already; wait for the thread's clean-up below
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the event loop thread '" + thread.getName() + "'", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the event loop thread '" + thread.getName() + "' did not stop within "
                    + CLOSE_WAIT_MILLIS / 1000 + " s: a task ignores cancellation or blocks the loop");
        }
        if (finished.isCompletedExceptionally()) {
            finished.join(); // rethrows the failure wrapped in a CompletionException
        }
    }

    @Override
    public String toString() {
        return "EventLoopThread[" + thread.getName() + (loop.isClosed() ? ", closed]" : ", running]");
    }
}
