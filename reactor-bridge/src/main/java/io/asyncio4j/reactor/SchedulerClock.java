package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.LoopClock;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loop clock that reads a Reactor {@link Scheduler}'s time, so a {@code VirtualTimeScheduler}
 * (what {@code StepVerifier.withVirtualTime} installs) drives the loop's timers.
 *
 * <p>How it plugs into the loop's virtual-time idle step: when the loop has nothing ready it asks
 * {@link #autojumpThresholdNanos()} how long to wait for I/O, then calls {@link #advanceTo} with
 * its next deadline. This clock answers "no wait" first, so that the loop names its deadline;
 * {@code advanceTo} arms a wake-up on the scheduler at that time instead of moving the clock; the
 * next question is answered "wait indefinitely", which also tells waiting wake-ups that the loop
 * is idle. A sentinel timer far in the future makes sure the loop always names a deadline.
 *
 * <p>A wake-up runs on the thread that advances the scheduler (the test thread): it posts to
 * the loop and waits until the loop is idle again, so whatever the due timers caused (the next
 * {@code sleep}) is armed before the scheduler's clock moves further. That keeps a chain such as
 * "sleep an hour, emit, repeat" exact when a test advances a day in one step.
 */
final class SchedulerClock implements LoopClock {
    private static final long FOREVER = Long.MAX_VALUE / 4;
    /** Sentinel deadline: about 36 years; no wake-up is armed for it. */
    private static final long SENTINEL = Long.MAX_VALUE / 8;
    private static final long SAFETY_NET_MILLIS = 10_000;

    private final Scheduler time;
    private EventLoop loop;
    private final AtomicLong tickets = new AtomicLong();
    private volatile long processed;
    private volatile long idleAt;
    // Loop thread only:
    private boolean armedSinceLastWait;
    private long armedDeadline = Long.MIN_VALUE;

    SchedulerClock(Scheduler time) {
        this.time = time;
    }

    /** Called once, on the creating thread, before the loop runs. */
    void attach(EventLoop loop) {
        this.loop = loop;
        loop.callAtNanos(SENTINEL, () -> { }, null);
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
            signalIdle();
            return FOREVER;
        }
        return 0;
    }

    @Override
    public void advanceTo(long nanos) {
        armedSinceLastWait = true;
        long now = nanoTime();
        if (nanos >= SENTINEL || (nanos == armedDeadline && armedDeadline > now)) {
            return;
        }
        armedDeadline = nanos;
        time.schedule(this::wake, Math.max(0, nanos - now), TimeUnit.NANOSECONDS);
    }

    private synchronized void signalIdle() {
        idleAt = processed;
        notifyAll();
    }

    /** On the thread advancing the scheduler: lets the loop run what is now due, and waits for it. */
    private void wake() {
        EventLoop l = loop;
        long ticket = tickets.incrementAndGet();
        try {
            l.callSoonThreadsafe(() -> processed = ticket);
        } catch (IllegalStateException closed) {
            return;
        }
        if (!l.isRunning() || Loops.onLoop(l)) {
            return;
        }
        long deadline = System.currentTimeMillis() + SAFETY_NET_MILLIS;
        synchronized (this) {
            while (idleAt < ticket && l.isRunning()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
