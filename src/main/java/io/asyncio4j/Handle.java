package io.asyncio4j;

/**
 * A callback scheduled on an event loop: asyncio's {@code asyncio.Handle}, returned by
 * {@link EventLoop#callSoon} and {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>States: {@code scheduled -> (run | cancelled)}. A cancelled handle is never run; cancelling
 * one that already ran has no effect. The callback runs in the {@link Context} captured when it
 * was scheduled.
 */
public class Handle {
    private final Runnable callback;
    private final Context context;
    private final EventLoop loop;
    volatile boolean cancelled;

    /**
     * Creates a handle. Event loops create handles; user code normally does not.
     *
     * @param callback what to run
     * @param loop the loop it is scheduled on
     * @param context the context to run it in, or {@code null} for a fresh empty one
     */
    public Handle(Runnable callback, EventLoop loop, Context context) {
        this.callback = callback;
        this.loop = loop;
        this.context = context;
    }

    /** Cancels the callback: it will not run. Python's {@code Handle.cancel()}. */
    public void cancel() {
        cancelled = true;
    }

    /** {@return whether the handle was cancelled} Python's {@code Handle.cancelled()}. */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * {@return the context the callback runs in} Python's {@code Handle.get_context()}. Null when
     * it was scheduled from an empty context: it then runs in a fresh empty one.
     */
    public Context getContext() {
        return context;
    }

    /** {@return the loop the handle is scheduled on} */
    public EventLoop getLoop() {
        return loop;
    }

    /** {@return the callback} */
    public Runnable callback() {
        return callback;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + callback + (cancelled ? " cancelled" : "") + "]";
    }
}
