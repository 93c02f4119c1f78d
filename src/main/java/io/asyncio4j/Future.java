package io.asyncio4j;

import io.asyncio4j.internal.loop.LoopRuntime;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.UnretrievedException;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The eventual result of an asynchronous operation: asyncio's {@code asyncio.Future}.
 *
 * <p>States: {@code PENDING -> (FINISHED with a result | FINISHED with an exception | CANCELLED)}.
 * Done callbacks are never called inline: each is scheduled on the loop with
 * {@link EventLoop#callSoon} when the future becomes done (or at once if it already is), in
 * the order they were added, in the context that was current when they were added.
 *
 * <p>A future belongs to one loop and, like asyncio's, is not thread-safe: complete it on its
 * loop (from another thread, via {@link EventLoop#callSoonThreadsafe}). Completing it from
 * another thread while the loop runs fails with {@link IllegalStateException} when it has
 * callbacks or a waiting task (always) and in debug mode (even without), before anything changes. Inside a task,
 * {@link #await()} suspends the task until the future is done.
 *
 * <p>If a future's exception is never retrieved ({@link #result()}, {@link #exception()} or an
 * {@code await}), the loop's exception handler is told "Future exception was never retrieved"
 * when the future is garbage-collected, as in asyncio.
 *
 * @param <T> the result type
 */
public class Future<T> {
    private static final int PENDING = 0;
    private static final int FINISHED = 1;
    private static final int CANCELLED = 2;

    /** The futures whose toString() is running on this thread: asyncio's reprlib guard (bpo-42183). */
    private static final ThreadLocal<java.util.Set<Future<?>>> IN_REPR =
            ThreadLocal.withInitial(() -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    final LoopRuntime loop;
    private int state = PENDING;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    private CancelledError cancelledError;
    /** null, one callback entry, or an ArrayList of them. */
    private Object callbacks;
    private UnretrievedException unretrieved;
    /** Who awaits this future, for the call graph: null, one Future, or a LinkedHashSet of them. */
    private Object awaitedBy;

    /**
     * Creates a pending future attached to {@code loop}. Prefer {@link EventLoop#createFuture()}.
     *
     * @param loop its event loop
     */
    public Future(EventLoop loop) {
        this.loop = LoopRuntime.of(loop);
    }

    /** {@return the loop the future is attached to} asyncio's {@code get_loop()}. */
    public EventLoop getLoop() {
        return loop;
    }

    /** {@return whether the future is done: it has a result, an exception, or was cancelled} */
    public boolean done() {
        return state != PENDING;
    }

    /** {@return whether the future was cancelled} */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * {@return the result} If the future was completed with an exception, that exception is
     * rethrown as is (checked or not, without wrapping), as asyncio's {@code Future.result()} does.
     *
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if it is not done yet
     */
    public T result() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state != FINISHED) {
            throw new InvalidStateError("Result is not ready.");
        }
        markRetrieved();
        if (exception != null) {
            throw Sneaky.rethrow(exception);
        }
        return result;
    }

    /**
     * {@return the exception the future was completed with, or {@code null} if it has a result}
     *
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if it is not done yet
     */
    public Throwable exception() {
        if (state == CANCELLED) {
            throw makeCancelledError();
        }
        if (state != FINISHED) {
            throw new InvalidStateError("Exception is not set.");
        }
        markRetrieved();
        return exception;
    }

    /**
     * Completes the future with a result and schedules its callbacks.
     *
     * @param value the result
     * @throws InvalidStateError if the future is already done
     */
    public void setResult(T value) {
        completeWithResult(value);
    }

    /**
     * Completes the future with an exception and schedules its callbacks.
     *
     * @param error the exception
     * @throws InvalidStateError if the future is already done
     */
    public void setException(Throwable error) {
        Objects.requireNonNull(error, "error");
        completeWithException(error);
    }

    /**
     * Cancels the future if it is pending and schedules its callbacks.
     *
     * @return {@code false} if it was already done
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future with a message carried by the {@link CancelledError}. On a future that
     * already failed it returns {@code false} and, as in asyncio, counts as looking at the
     * exception: it is no longer reported as never retrieved.
     *
     * @param message the cancel message, or {@code null}
     * @return {@code false} if it was already done
     */
    public boolean cancel(String message) {
        markRetrieved();
        return completeCancelled(message, null);
    }

    /**
     * Adds a callback run (on the loop, via {@code callSoon}) when the future is done, with the
     * future as argument: asyncio's {@code add_done_callback}.
     *
     * @param callback the callback
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        addDoneCallback(callback, null);
    }

    /**
     * Like {@link #addDoneCallback(Consumer)}, running the callback in {@code context}.
     *
     * @param callback the callback
     * @param context its context, or {@code null} for a copy of the current one
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback, Context context) {
        Objects.requireNonNull(callback, "callback");
        Context ctx = context != null ? context : Context.snapshot();
        if (state != PENDING) {
            loop.callSoon(() -> callback.accept(this), ctx);
        } else {
            addEntry(new Scheduled<>(callback, ctx));
        }
    }

    /**
     * Removes every registration of {@code callback}: asyncio's {@code remove_done_callback}.
     *
     * @param callback the callback, compared by identity
     * @return how many registrations were removed
     */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (callbacks == null) {
            return 0;
        }
        if (callbacks instanceof ArrayList<?> list) {
            int before = list.size();
            list.removeIf(e -> e instanceof Scheduled<?> s && s.fn == callback);
            return before - list.size();
        }
        if (callbacks instanceof Scheduled<?> s && s.fn == callback) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    /**
     * Suspends the current task until the future is done, then returns its result or throws its
     * exception: asyncio's {@code await future}. Returns at once, without suspending, if the
     * future is already done.
     *
     * @return the result
     * @throws CancelledError if the future, or the awaiting task, was cancelled
     * @throws IllegalStateException if called outside a task
     */
    public T await() {
        return Task.currentForAwait().awaitFuture(this);
    }

    /**
     * {@return a {@link CompletableFuture} completed when this future is done} Cancelling the
     * returned future cancels this one (on its loop). Its dependent stages run on the loop's
     * thread when this future completes: keep them short, or use the {@code *Async} variants.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return FutureStages.toCompletableFuture(this);
    }

    /**
     * Wraps a {@link CompletionStage} in a future of {@code loop}: asyncio's
     * {@code wrap_future}. The stage may complete on any thread; the future completes on the
     * loop. Cancelling the future cancels the stage (if it is a {@link CompletableFuture} or
     * {@link java.util.concurrent.Future}); a cancelled stage cancels the future.
     *
     * @param stage the stage
     * @param loop the loop of the new future
     * @param <T> the result type
     * @return the future
     */
    public static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        return FutureStages.wrap(stage, loop);
    }

    // ---- completion, shared with Task -----------------------------------------------------------

    final void completeWithResult(T value) {
        if (state != PENDING) {
            throw new InvalidStateError(stateName() + ": " + this);
        }
        loop.checkCompletingThread(this, callbacks != null);
        result = value;
        state = FINISHED;
        fireCallbacks();
    }

    final void completeWithException(Throwable error) {
        if (state != PENDING) {
            throw new InvalidStateError(stateName() + ": " + this);
        }
        loop.checkCompletingThread(this, callbacks != null);
        exception = error;
        state = FINISHED;
        unretrieved = this instanceof Task<?> task
                ? UnretrievedException.track(this, error, loop, "Task", task.getContext())
                : UnretrievedException.track(this, error, loop, "Future", null);
        fireCallbacks();
    }

    /** Cancels; {@code error}, when given, is the CancelledError to rethrow from result(). */
    final boolean completeCancelled(String message, CancelledError error) {
        if (state != PENDING) {
            return false;
        }
        loop.checkCompletingThread(this, callbacks != null);
        state = CANCELLED;
        cancelMessage = message;
        cancelledError = error;
        fireCallbacks();
        return true;
    }

    /** {@return the CancelledError to raise for this cancelled future} asyncio's _make_cancelled_error. */
    final CancelledError makeCancelledError() {
        CancelledError e = cancelledError;
        if (e == null) {
            e = new CancelledError(cancelMessage);
            cancelledError = e;
        }
        return e;
    }

    /** Records that {@code waiter} awaits this future: asyncio's {@code future_add_to_awaited_by}. */
    @SuppressWarnings("unchecked")
    final void addAwaitedBy(Future<?> waiter) {
        Object a = awaitedBy;
        if (a == null) {
            awaitedBy = waiter;
        } else if (a instanceof java.util.LinkedHashSet<?> set) {
            ((java.util.LinkedHashSet<Future<?>>) set).add(waiter);
        } else if (a != waiter) {
            java.util.LinkedHashSet<Future<?>> set = new java.util.LinkedHashSet<>(4);
            set.add((Future<?>) a);
            set.add(waiter);
            awaitedBy = set;
        }
    }

    /** Forgets {@code waiter}: asyncio's {@code future_discard_from_awaited_by}. */
    final void discardAwaitedBy(Future<?> waiter) {
        Object a = awaitedBy;
        if (a == waiter) {
            awaitedBy = null;
        } else if (a instanceof java.util.LinkedHashSet<?> set) {
            set.remove(waiter);
        }
    }

    /** {@return the futures and tasks awaiting this one, oldest first} asyncio's {@code _asyncio_awaited_by}. */
    @SuppressWarnings("unchecked")
    final java.util.List<Future<?>> awaitedBy() {
        Object a = awaitedBy;
        if (a == null) {
            return java.util.List.of();
        }
        if (a instanceof java.util.LinkedHashSet<?> set) {
            return java.util.List.copyOf((java.util.Set<Future<?>>) set);
        }
        return java.util.List.of((Future<?>) a);
    }

    /** {@return the exception, without marking it retrieved (asyncio's {@code _exception}), or null} */
    final Throwable peekException() {
        return state == FINISHED ? exception : null;
    }

    /** {@return the message given to cancel, or null} */
    final String cancelMessage() {
        return cancelMessage;
    }

    /** asyncio's {@code __log_traceback = False}: result(), exception() and cancel() call it. */
    final void markRetrieved() {
        UnretrievedException u = unretrieved;
        if (u != null) {
            u.retrieved();
            unretrieved = null;
        }
    }

    /**
     * Registers an internal waiter, called synchronously when the future completes (not
     * scheduled). Used only for wake-ups that themselves just schedule work on the loop, so
     * user code never runs inside {@code setResult}.
     */
    final void addWaiter(Consumer<? super Future<T>> waiter) {
        if (state != PENDING) {
            waiter.accept(this);
        } else {
            addEntry(new Inline<>(waiter));
        }
    }

    /**
     * Registers a task to wake when this future completes: the common case of {@code await},
     * stored without any wrapper object.
     */
    final void addWakeup(Task<?> task) {
        addEntry(task);
    }

    /** Registers a gathering future to be told, via the ready queue, when this one is done. */
    final void addGatherer(GatheringFuture<?> outer) {
        addEntry(outer);
    }

    final void removeWaiter(Consumer<? super Future<T>> waiter) {
        if (callbacks instanceof ArrayList<?> list) {
            list.removeIf(e -> e instanceof Inline<?> i && i.fn == waiter);
        } else if (callbacks instanceof Inline<?> i && i.fn == waiter) {
            callbacks = null;
        }
    }

    @SuppressWarnings("unchecked")
    private void addEntry(Object entry) {
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = entry;
        } else if (cbs instanceof ArrayList<?> list) {
            ((ArrayList<Object>) list).add(entry);
        } else {
            ArrayList<Object> list = new ArrayList<>(4);
            list.add(cbs);
            list.add(entry);
            callbacks = list;
        }
    }

    private void fireCallbacks() {
        Object cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        if (cbs instanceof ArrayList<?> list) {
            for (Object e : list) {
                fire(e);
            }
        } else {
            fire(cbs);
        }
    }

    @SuppressWarnings("unchecked")
    private void fire(Object entry) {
        if (entry instanceof Task<?> task) {
            task.wakeUp();
        } else if (entry instanceof GatheringFuture<?> outer) {
            loop.callSoonHandle(new GatheringFuture.Step(outer, this));
        } else if (entry instanceof Inline<?> inline) {
            ((Inline<T>) inline).fn.accept(this);
        } else {
            Scheduled<T> s = (Scheduled<T>) entry;
            loop.callSoon(() -> s.fn.accept(this), s.context);
        }
    }

    private String stateName() {
        return switch (state) {
            case PENDING -> "PENDING";
            case FINISHED -> "FINISHED";
            default -> "CANCELLED";
        };
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + describeState() + ">";
    }

    /** A result that contains this future (a task returning all_tasks()) prints as "...". */
    private String resultRepr() {
        java.util.Set<Future<?>> active = IN_REPR.get();
        if (!active.add(this)) {
            return "...";
        }
        try {
            return String.valueOf(result);
        } finally {
            active.remove(this);
        }
    }

    String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> exception != null ? "finished exception=" + exception : "finished result=" + resultRepr();
        };
    }

    /** A done callback scheduled through the loop when the future completes. */
    private record Scheduled<T>(Consumer<? super Future<T>> fn, Context context) {
    }

    /** An internal waiter called synchronously at completion (it only schedules work). */
    private record Inline<T>(Consumer<? super Future<T>> fn) {
    }
}
