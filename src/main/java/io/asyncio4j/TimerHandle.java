package io.asyncio4j;

import io.asyncio4j.internal.loop.TimerSlots;

/**
 * A callback scheduled for a point in time: asyncio's {@code asyncio.TimerHandle}, returned by
 * {@link EventLoop#callLater} and {@link EventLoop#callAt}.
 *
 * <p>Timers with the same deadline run in the order they were scheduled (asyncio leaves that
 * undefined; asyncio4j promises it).
 */
public final class TimerHandle extends Handle {
    private final long deadlineNanos;
    private final long sequence;
    private final Canceller canceller;
    /** Position in the loop's timer heap, -1 when not in it. Owned by the loop (TimerSlots). */
    private int heapIndex = -1;

    static {
        TimerSlots.install(new TimerSlots.Access() {
            @Override
            public int heapIndex(TimerHandle timer) {
                return timer.heapIndex;
            }

            @Override
            public void setHeapIndex(TimerHandle timer, int index) {
                timer.heapIndex = index;
            }
        });
    }

    /**
     * Creates a timer handle. Event loops create them; user code normally does not.
     *
     * @param callback what to run
     * @param loop the loop
     * @param context the context to run it in
     * @param deadlineNanos the deadline on the loop's clock, in nanoseconds
     * @param sequence the scheduling order, for ties
     * @param canceller told when the timer is cancelled (the loop's heap bookkeeping), or null
     */
    public TimerHandle(Runnable callback, EventLoop loop, Context context, long deadlineNanos, long sequence,
                       Canceller canceller) {
        super(callback, loop, context);
        this.deadlineNanos = deadlineNanos;
        this.sequence = sequence;
        this.canceller = canceller;
    }

    /** {@return the scheduled time, in seconds on the loop's clock ({@link EventLoop#time()})} */
    public double when() {
        return deadlineNanos / 1e9;
    }

    /** {@return the deadline in nanoseconds on the loop's clock} */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** {@return the scheduling sequence number; breaks ties between equal deadlines} */
    public long sequence() {
        return sequence;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            if (canceller != null) {
                canceller.timerCancelled(this);
            }
        }
    }

    /** Told when a timer is cancelled, so the loop can drop it from its heap. */
    @FunctionalInterface
    public interface Canceller {
        /**
         * Called once when the timer is cancelled.
         *
         * @param timer the timer
         */
        void timerCancelled(TimerHandle timer);
    }
}
