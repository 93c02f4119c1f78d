package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.ExternalClock;
import reactor.core.scheduler.Scheduler;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An external loop clock that reads a Reactor {@link Scheduler}'s time, so a
 * {@code VirtualTimeScheduler} (what {@code StepVerifier.withVirtualTime} installs) drives the
 * loop's timers.
 *
 * <p>Virtual time may only move once the loop is quiescent: everything sent to it processed and
 * every timer that caused registered. Three things keep it so, without the test's help:
 * <ol>
 *   <li>Each timer the loop makes is handed to the scheduler as a wake-up at its deadline, at
 *       once and on the loop's thread (arming it later raced with a test advancing time).</li>
 *   <li>A wake-up runs on the thread that advances the scheduler: it posts to the loop and waits
 *       until the loop is idle again, so whatever the due timers caused (the next {@code sleep})
 *       is armed before the scheduler's clock moves further; "sleep an hour, emit, repeat" stays
 *       exact when a test advances a day in one step.</li>
 *   <li>Each time the bridge sends work to the loop from another thread (a subscription, a
 *       request, a cancel: {@link #settleAfterPost}), it also schedules on a
 *       {@code VirtualTimeScheduler} an immediate task that waits for the loop to be idle. Outside
 *       an advance the scheduler runs it at once on the sending thread, so a subscription made on
 *       the test thread has armed its task's timer before {@code subscribe} returns; inside an
 *       advance (a {@code retryWhen} re-subscribing, a {@code timeout} cancelling, a
 *       {@code Mono.delay} flat-mapping into a task, all from the scheduler's thread) it is queued
 *       ahead of every later task, so the advance waits for the loop before it goes on.</li>
 * </ol>
 * No step is taken when the caller is the loop itself, which cannot wait for its own idleness.
 */
final class SchedulerClock implements ExternalClock {
    /** How long a wait for the loop lasts if the loop never goes idle (a stuck test), in real time. */
    private static final long SAFETY_NET_MILLIS = 10_000;
    private static final String VIRTUAL_TIME_SCHEDULER = "reactor.test.scheduler.VirtualTimeScheduler";

    /** The clocks of the loops made by {@link AsyncioReactor#virtualTimeLoop}, by loop. */
    private static final Map<EventLoop, SchedulerClock> CLOCKS = Collections.synchronizedMap(new WeakHashMap<>());
    /** Whether any virtual-time loop was made: keeps the bridge's hot paths free of the lookup otherwise. */
    private static volatile boolean anyVirtualTimeLoop;

    private final Scheduler time;
    /** Reactor's {@code VirtualTimeScheduler} class when {@link #time} is one, else null. */
    private final Class<?> virtualTimeSchedulerClass;
    private final AtomicLong tickets = new AtomicLong();
    private volatile long processed;
    private long idleAt; // guarded by this
    /** Deadlines with a wake-up pending; thread that schedules timers (the loop's) only. */
    private final TreeSet<Long> armed = new TreeSet<>();

    SchedulerClock(Scheduler time) {
        this.time = time;
        this.virtualTimeSchedulerClass = virtualTimeSchedulerClass(time.getClass());
    }

    /** Records {@code loop} as running on {@code clock}, for {@link #settleAfterPost} and {@link #timeSourceProblem}. */
    static void register(EventLoop loop, SchedulerClock clock) {
        CLOCKS.put(loop, clock);
        anyVirtualTimeLoop = true;
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
            try {
                time.schedule(() -> awaitIdle(loop), deadlineNanos - now, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException disposed) {
                // the test is over and its scheduler disposed: nothing will move time again
            }
        }
    }

    @Override
    public synchronized void loopIdle(EventLoop loop) {
        idleAt = processed;
        notifyAll();
    }

    /**
     * The bridge has just sent work to {@code loop} from another thread: if the loop runs on a
     * {@code VirtualTimeScheduler}'s time, make that scheduler wait for the loop to process it
     * before time moves (see the class comment, point 3).
     *
     * @param loop the loop the work went to
     */
    static void settleAfterPost(EventLoop loop) {
        if (!anyVirtualTimeLoop) {
            return;
        }
        SchedulerClock clock = CLOCKS.get(loop);
        if (clock == null || clock.virtualTimeSchedulerClass == null) {
            return;
        }
        try {
            clock.time.schedule(() -> clock.awaitIdle(loop));
        } catch (RejectedExecutionException disposed) {
            // the scheduler was disposed (its test ended): no time will move to race the loop
        }
    }

    /**
     * {@return why a subscription to a publisher of {@code loop} cannot work, or null} The one
     * case: the loop reads a {@code VirtualTimeScheduler} but another one is installed (a
     * {@code StepVerifier.withVirtualTime(supplier)} that was not handed the loop's scheduler), so
     * the test would advance a clock the loop does not read and wait forever.
     *
     * @param loop the loop a publisher is about to use
     */
    static String timeSourceProblem(EventLoop loop) {
        if (!anyVirtualTimeLoop) {
            return null;
        }
        SchedulerClock clock = CLOCKS.get(loop);
        if (clock == null || clock.virtualTimeSchedulerClass == null) {
            return null;
        }
        Object installed = clock.installedVirtualTimeScheduler();
        if (installed == null || installed == clock.time) {
            return null;
        }
        return "this event loop reads the time of the VirtualTimeScheduler it was made with "
                + "(AsyncioReactor.virtualTimeLoop(vts)), but another VirtualTimeScheduler is installed, so advancing "
                + "virtual time would never reach the loop's timers: hand the loop's scheduler to StepVerifier with "
                + "StepVerifier.withVirtualTime(() -> publisher, () -> vts, n), or make the loop with "
                + "AsyncioReactor.virtualTimeLoop(VirtualTimeScheduler.get()) inside the scenario";
    }

    /** {@return the VirtualTimeScheduler installed in Reactor's Schedulers, or null if none} */
    private Object installedVirtualTimeScheduler() {
        try {
            Method enabled = virtualTimeSchedulerClass.getMethod("isFactoryEnabled");
            if (!(Boolean) enabled.invoke(null)) {
                return null;
            }
            return virtualTimeSchedulerClass.getMethod("get").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return null; // a reactor-test we cannot read: skip the check rather than fail the user
        }
    }

    /** Reactor's VirtualTimeScheduler is found by name: reactor-test is a test-time library the bridge does not need. */
    private static Class<?> virtualTimeSchedulerClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(VIRTUAL_TIME_SCHEDULER)) {
                return c;
            }
        }
        return null;
    }

    /** Wakes the loop and, off the loop, lets the loop run what was sent to it or is now due, and waits until it is idle. */
    private void awaitIdle(EventLoop loop) {
        long ticket;
        // Tickets must reach the loop in the order they are drawn, or a waiter could see a later
        // ticket processed and take the loop for idle before its own post was handled.
        synchronized (tickets) {
            ticket = tickets.incrementAndGet();
            try {
                loop.callSoonThreadsafe(() -> processed = ticket); // also the wake-up a due timer needs
            } catch (IllegalStateException closed) {
                return;
            }
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
