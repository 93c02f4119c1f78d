package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.LoopClock;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * A loop clock that reads a Reactor {@link Scheduler}'s time, so a {@code VirtualTimeScheduler}
 * (what {@code StepVerifier.withVirtualTime} installs) drives the loop's timers: the loop sleeps
 * until the scheduler's clock reaches its next deadline, and the scheduler wakes it then.
 *
 * <p>How it plugs into the loop's virtual-time idle step: when the loop is idle with a timer
 * pending it asks {@link #autojumpThresholdNanos()} how long to wait for I/O, then calls
 * {@link #advanceTo} with the next deadline. This clock answers "no wait" first, so that the
 * loop names its next deadline, arms a wake-up on the scheduler for that deadline, and then
 * answers "wait indefinitely" (until a thread-safe callback, such as that wake-up, arrives).
 * It never moves time itself: only the scheduler does.
 */
final class SchedulerClock implements LoopClock {
    private static final long FOREVER = Long.MAX_VALUE / 4;

    private final Scheduler time;
    private volatile EventLoop loop;
    // Loop thread only:
    private boolean armedSinceLastWait;
    private long armedDeadline = Long.MIN_VALUE;

    SchedulerClock(Scheduler time) {
        this.time = time;
    }

    void attach(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public long nanoTime() {
        return time.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public long autojumpThresholdNanos() {
        if (armedSinceLastWait) {
            armedSinceLastWait = false;
            return FOREVER;
        }
        return 0;
    }

    @Override
    public void advanceTo(long nanos) {
        armedSinceLastWait = true;
        long now = nanoTime();
        if (nanos == armedDeadline && armedDeadline > now) {
            return;
        }
        armedDeadline = nanos;
        EventLoop l = loop;
        time.schedule(() -> {
            if (!l.isClosed()) {
                try {
                    l.callSoonThreadsafe(() -> { });
                } catch (IllegalStateException closed) {
                    // closed meanwhile
                }
            }
        }, Math.max(0, nanos - now), TimeUnit.NANOSECONDS);
    }
}
