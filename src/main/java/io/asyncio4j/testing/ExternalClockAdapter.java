package io.asyncio4j.testing;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.loop.LoopClock;

/**
 * Presents an {@link ExternalClock} to the loop as a virtual clock that never jumps: when the
 * loop is idle it reports so and waits indefinitely for a wake-up instead of advancing time.
 */
final class ExternalClockAdapter implements LoopClock {
    /** An idle wait with no end; a positive value, because zero would mean "jump now". */
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private final ExternalClock clock;
    private EventLoop loop;

    ExternalClockAdapter(ExternalClock clock) {
        this.clock = clock;
    }

    /** Called once, right after the loop is made and before it can run. */
    void attach(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    /** The loop asks this each time it is idle: tell the clock, then wait for a wake-up. */
    @Override
    public long autojumpThresholdNanos() {
        clock.loopIdle(loop);
        return FOREVER;
    }

    /** The loop never moves an external clock; it waits to be woken at the deadline instead. */
    @Override
    public void advanceTo(long nanos) {
    }

    @Override
    public void timerScheduled(long deadlineNanos) {
        clock.timerScheduled(loop, deadlineNanos);
    }
}
