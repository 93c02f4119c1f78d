package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.ExternalClock;
import reactor.core.scheduler.Scheduler;

import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An external loop clock that reads a Reactor {@link Scheduler}'s time, so a
 * {@code VirtualTimeScheduler} (what {@code StepVerifier.withVirtualTime} installs) drives the
 * loop's timers.
 *
 * <p>Each timer the loop makes is handed to the scheduler as a wake-up at its deadline, at once
 * and on the loop's thread. Arming it any later, when the loop next goes idle, raced with the
 * test: the test thread, having seen the loop's reply, could advance the scheduler between the
 * loop reading the time and scheduling the wake-up (the deadline then landed late by however far
 * the test had moved), or advance it while the loop thread was inside the scheduler (which then
 * ran the test's due wake-ups on the loop thread, where they cannot wait for the loop).
 *
 * <p>A wake-up runs on the thread that advances the scheduler (the test thread): it posts to
 * the loop and waits until the loop is idle again, so whatever the due timers caused (the next
 * {@code sleep}) is armed before the scheduler's clock moves further. That keeps a chain such as
 * "sleep an hour, emit, repeat" exact when a test advances a day in one step.
 */
final class SchedulerClock implements ExternalClock {
    /** How long a wake-up waits for a loop that never goes idle (a stuck test), in real time. */
    private static final long SAFETY_NET_MILLIS = 10_000;

    private final Scheduler time;
    private final AtomicLong tickets = new AtomicLong();
    private volatile long processed;
    private long idleAt; // guarded by this
    /** Deadlines with a wake-up pending; thread that schedules timers (the loop's) only. */
    private final TreeSet<Long> armed = new TreeSet<>();

    SchedulerClock(Scheduler time) {
        this.time = time;
    }

    @Override
    public long nanoTime() {
        return time.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public void timerScheduled(EventLoop loop, long deadlineNanos) {
        long now = nanoTime();
        if (deadlineNanos <= now) {
            return; // already due: the loop runs it without a wake-up
        }
        armed.headSet(now, true).clear();
        if (armed.add(deadlineNanos)) {
            time.schedule(() -> wake(loop), deadlineNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void loopIdle(EventLoop loop) {
        idleAt = processed;
        notifyAll();
    }

    /** On the thread advancing the scheduler: lets the loop run what is now due, and waits for it. */
    private void wake(EventLoop loop) {
        long ticket = tickets.incrementAndGet();
        try {
            loop.callSoonThreadsafe(() -> processed = ticket);
        } catch (IllegalStateException closed) {
            return;
        }
        if (!loop.isRunning() || loop.inEventLoop()) {
            return;
        }
        long deadline = System.currentTimeMillis() + SAFETY_NET_MILLIS;
        synchronized (this) {
            while (idleAt < ticket && loop.isRunning()) {
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
