package io.asyncio4j;

import io.asyncio4j.internal.loop.LoopRuntime;
import io.asyncio4j.internal.ContextCell;
import io.asyncio4j.internal.loop.TaskRegistry;
import io.asyncio4j.internal.strand.Strand;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine running on its own strand, scheduled by an event loop: asyncio's
 * {@code asyncio.Task}.
 *
 * <p>The task's body runs on a <em>strand</em> (a virtual thread driven by the loop, see the
 * README): it runs on the loop's thread, one task at a time, and gives the thread back only when
 * it awaits a future that is not done yet ({@link Future#await()}, {@link Asyncio#sleep}, ...).
 *
 * <p>States: {@code scheduled -> running <-> suspended -> (finished | failed | cancelled)}.
 *
 * <p>Cancellation follows asyncio exactly: {@link #cancel(String)} cancels the future the task
 * is waiting on, so a {@link CancelledError} is thrown at the task's {@code await} point; if the
 * task is not waiting, the error is thrown when it next suspends (or the body never starts if
 * it has not started). The task may catch the error and go on; {@link #cancelling()} counts
 * pending requests and {@link #uncancel()} takes one back. A body that ends by throwing
 * {@code CancelledError} leaves the task cancelled.
 *
 * @param <T> the result type
 */
public final class Task<T> extends Future<T> {
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    private final Context context;
    private final Strand strand;
    private final TaskRegistry.Node node;
    /** The name, or null for "Task-" + number, built on first use (asyncio's default names). */
    private String name;
    private final long number;

    private Future<?> futWaiter;
    private boolean mustCancel;
    private String mustCancelMessage;
    private int cancelsRequested;

    /**
     * Creates a task for {@code coro} on {@code loop} and schedules it (or, with
     * {@link TaskOptions#eagerStart()}, runs it now until it first suspends). Prefer
     * {@link EventLoop#createTask}.
     *
     * @param loop the loop
     * @param coro the body
     * @param options name, context, eager start
     */
    public Task(EventLoop loop, Coroutine<T> coro, TaskOptions options) {
        super(loop);
        this.coro = Objects.requireNonNull(coro, "coro");
        this.name = options.name();
        this.number = options.name() == null ? COUNTER.incrementAndGet() : 0;
        this.context = options.context() != null ? options.context() : Context.copyCurrent();
        LoopRuntime base = this.loop;
        base.checkOpen();
        this.node = base.taskCreated(this);
        this.strand = base.newStrand(this::runBody, options.name());
        if (options.eagerStart() && base.isRunning()) {
            base.startEager(strand);
        } else {
            strand.start();
        }
    }

    // ---- the strand's body ----------------------------------------------------------------

    private void runBody() {
        ContextCell cell = ContextCell.get();
        cell.task = this;
        cell.value = context;
        cell.loop = loop;
        loop.strandRunning(this, strand);
        try {
            if (mustCancel) {
                mustCancel = false;
                completeCancelled(mustCancelMessage, null);
                return;
            }
            T value = coro.call();
            if (mustCancel) {
                // Cancelled right before the body returned (asyncio: Task.__step's last check).
                mustCancel = false;
                completeCancelled(mustCancelMessage, null);
            } else {
                completeWithResult(value);
            }
        } catch (CancelledError e) {
            completeCancelled(e.getMessage(), e);
        } catch (Throwable e) {
            completeWithException(e);
            if (e instanceof VirtualMachineError) {
                loop.callExceptionHandler(java.util.Map.of("message", "fatal error in task " + getName(), "exception", e, "task", this));
            }
        } finally {
            futWaiter = null;
            loop.taskDone(node);
            cell.task = null;
        }
    }

    /** The future this task awaits is done: schedule the task's next step. */
    void wakeUp() {
        strand.wake();
    }

    // ---- await ------------------------------------------------------------------------------

    /** The task running on the calling strand, or an explanation of why there is none. */
    static Task<?> currentForAwait() {
        Task<?> t = (Task<?>) ContextCell.get().task;
        if (t == null) {
            throw notInTask("await");
        }
        return t;
    }

    static IllegalStateException notInTask(String what) {
        LoopRuntime running = LoopRuntime.runningOnThisThread();
        String where = running != null
                ? "in a plain callback on the event loop's thread"
                : "on thread '" + Thread.currentThread().getName() + "', which runs no task";
        return new IllegalStateException(what + "() was called " + where + ": only code running inside a Task can "
                + "suspend. Run the code as a task (Asyncio.run(...), loop.createTask(...)), register a done "
                + "callback (future.addDoneCallback(...)), or from another thread use "
                + "Asyncio.runCoroutineThreadsafe(coro, loop).get() / future.toCompletableFuture().join().");
    }

    /** {@return the task whose body is running on the calling thread, or null} */
    static Task<?> current() {
        return (Task<?>) ContextCell.get().task;
    }

    <R> R awaitFuture(Future<R> future) {
        if (future == this) {
            throw new IllegalStateException("Task cannot await on itself: " + this);
        }
        if (!future.done()) {
            if (future.loop != loop) {
                throw new IllegalStateException("Task " + this + " got Future " + future + " attached to a different loop");
            }
            suspendOn(future);
            if (mustCancel) {
                mustCancel = false;
                throw new CancelledError(mustCancelMessage);
            }
        }
        return future.result();
    }

    private void suspendOn(Future<?> future) {
        loop.checkNotClosing();
        futWaiter = future;
        future.addWakeup(this);
        future.addAwaitedBy(this);
        if (mustCancel && future.cancel(mustCancelMessage)) {
            mustCancel = false;
        }
        try {
            strand.suspend();
        } finally {
            futWaiter = null;
            future.discardAwaitedBy(this);
        }
        loop.strandRunning(this, strand);
    }

    /** A bare yield (asyncio's {@code sleep(0)}): lets every other ready callback run once. */
    void yieldNow() {
        loop.checkNotClosing();
        strand.yieldNow();
        loop.strandRunning(this, strand);
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(mustCancelMessage);
        }
    }

    // ---- Task API ---------------------------------------------------------------------------

    /**
     * Requests cancellation: asyncio's {@code Task.cancel(msg)}. See the class comment for how
     * it is delivered.
     *
     * @param message the message carried by the {@link CancelledError}, or {@code null}
     * @return {@code false} if the task is already done
     * @throws IllegalStateException if called from another thread while the loop runs (use
     *     {@link EventLoop#callSoonThreadsafe})
     */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            markRetrieved(); // asyncio's Task.cancel sets _log_traceback = False first
            return false;
        }
        loop.checkThreadFor("cancelling", this);
        cancelsRequested++;
        Future<?> waiter = futWaiter;
        if (waiter != null && waiter.cancel(message)) {
            // The task wakes with the waiter's CancelledError. The waiter stays recorded: it may be
            // a task that swallows the cancellation, to be cancelled again later (as asyncio does).
            return true;
        }
        mustCancel = true;
        mustCancelMessage = message;
        return true;
    }

    /**
     * {@return the number of pending cancellation requests} asyncio's {@code Task.cancelling()}:
     * {@link #cancel} calls minus {@link #uncancel()} calls.
     */
    public int cancelling() {
        return cancelsRequested;
    }

    /**
     * Takes back one cancellation request: asyncio's {@code Task.uncancel()}. When the count
     * reaches zero, a cancellation not yet delivered is dropped.
     *
     * @return the remaining number of requests
     */
    public int uncancel() {
        if (cancelsRequested > 0) {
            cancelsRequested--;
            if (cancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return cancelsRequested;
    }

    /**
     * Not supported, as in asyncio: a task's result comes from its body.
     *
     * @param value ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult: the result comes from its coroutine");
    }

    /**
     * Not supported, as in asyncio: a task's exception comes from its body.
     *
     * @param error ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support setException: the exception comes from its coroutine");
    }

    /** {@return the task's name} asyncio's {@code get_name()}. */
    public String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + number;
            name = n;
        }
        return n;
    }

    /**
     * Renames the task: asyncio's {@code set_name()}.
     *
     * @param name the new name
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@return the task's body} asyncio's {@code get_coro()}. */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** {@return the context the task runs in} asyncio's {@code get_context()}. */
    public Context getContext() {
        return context;
    }

    /**
     * {@return the frames of the task's strand where it is suspended (or running), innermost
     * first; empty when done} asyncio's {@code get_stack()}.
     *
     * <p><b>Differences from asyncio.</b> Java's order (innermost frame first) instead of
     * asyncio's oldest-first, and no {@code limit}: slice the array.
     */
    public StackTraceElement[] getStack() {
        return done() ? new StackTraceElement[0] : strand.stackTrace();
    }

    /**
     * Prints the task's stack to {@code System.err}: asyncio's {@code print_stack()}. See
     * {@link #printStack(Integer, Appendable)}.
     */
    public void printStack() {
        printStack(null, System.err);
    }

    /**
     * Prints the task's stack to {@code out}: asyncio's {@code print_stack(file=out)}.
     *
     * @param out where to print, e.g. a {@link java.io.PrintStream} or a {@link StringBuilder}
     */
    public void printStack(Appendable out) {
        printStack(null, out);
    }

    /**
     * Prints where the task is suspended (or running) or, for a task that failed, the traceback
     * of its exception followed by the exception itself: asyncio's
     * {@code print_stack(limit=, file=)}. A task done otherwise prints "No stack for ...".
     *
     * <p><b>Differences from asyncio.</b> Frames print as Java prints them, innermost first
     * ({@code "\tat ..."} lines, headed "most recent call first"). {@code limit} keeps, as in
     * asyncio, the newest frames of a stack and the oldest of a traceback.
     *
     * @param limit how many frames at most, or {@code null} for all
     * @param out where to print
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws java.io.UncheckedIOException if {@code out} fails
     */
    public void printStack(Integer limit, Appendable out) {
        TaskStackPrinter.print(this, getStack(), peekException(), limit, out);
    }

    /** {@return the future the task is suspended on, or {@code null}} */
    Future<?> waitingOn() {
        return futWaiter;
    }

    @Override
    public String toString() {
        // asyncio's _task_repr_info: a pending task with cancellation requests shows as "cancelling".
        String state = cancelsRequested > 0 && !done() ? "cancelling" : describeState();
        return "<Task " + state + " name='" + getName() + "'>";
    }
}
