package io.asyncio4j.testing;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link VirtualTimeLoop#create(ExternalClock)}: a loop whose time something outside it moves.
 * No CPython counterpart (asyncio has no pluggable clock); the driver here is a simulation clock
 * on the loop's own thread, or a test thread that waits for the loop's idle report (a real
 * signal; the timeouts are safety nets only).
 */
@Timeout(60) // a safety net only: a lost wake-up would otherwise hang the build
class ExternalClockTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long SAFETY_SECONDS = 10;

    /** A discrete-event simulation: when the loop is idle, time jumps to the earliest deadline. */
    private static final class SimulationClock implements ExternalClock {
        final PriorityQueue<Long> deadlines = new PriorityQueue<>();
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void timerScheduled(EventLoop loop, long deadlineNanos) {
            deadlines.add(deadlineNanos);
        }

        @Override
        public void loopIdle(EventLoop loop) {
            Long next = deadlines.poll();
            if (next != null) {
                now = Math.max(now, next);
                loop.callSoonThreadsafe(() -> { });
            }
        }
    }

    /** A clock a test thread moves; it records deadlines and completes a future at each idle report. */
    private static final class ManualClock implements ExternalClock {
        volatile long now;
        final List<Long> deadlines = new CopyOnWriteArrayList<>();
        final List<Boolean> hookInLoop = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Void> idle = new CompletableFuture<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void timerScheduled(EventLoop loop, long deadlineNanos) {
            deadlines.add(deadlineNanos);
            hookInLoop.add(loop.inEventLoop());
        }

        @Override
        public void loopIdle(EventLoop loop) {
            idle.complete(null);
        }

        /** Sends {@code action} to the loop and waits until the loop is idle after it. */
        void onLoopThenIdle(EventLoop loop, Runnable action) {
            CompletableFuture<Void> next = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> {
                action.run();
                idle = next;
            });
            next.orTimeout(SAFETY_SECONDS, TimeUnit.SECONDS).join();
        }

        /** Moves time to {@code nanos}, wakes the loop, and waits until it is idle again. */
        void advanceTo(EventLoop loop, long nanos) {
            now = nanos;
            onLoopThenIdle(loop, () -> { });
        }
    }

    /** Runs {@code loop} on a thread of its own until {@link #close()}. */
    private record LoopThread(EventLoop loop, Thread thread) implements AutoCloseable {
        static LoopThread start(EventLoop loop) {
            Thread t = new Thread(loop::runForever, "external-clock-loop");
            t.setDaemon(true);
            t.start();
            CompletableFuture<Void> running = new CompletableFuture<>();
            loop.callSoonThreadsafe(() -> running.complete(null));
            running.orTimeout(SAFETY_SECONDS, TimeUnit.SECONDS).join();
            return new LoopThread(loop, t);
        }

        @Override
        public void close() throws InterruptedException {
            loop.callSoonThreadsafe(loop::stop);
            thread.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
            assertFalse(thread.isAlive(), "the loop did not stop");
            loop.close();
        }
    }

    @Test
    void timerScheduledHearsOfEachDeadlineBeforeTheCallReturns() {
        ManualClock clock = new ManualClock();
        clock.now = 2 * SECOND;
        EventLoop loop = VirtualTimeLoop.create(clock);
        try {
            loop.callLater(5, () -> { });
            assertEquals(List.of(7 * SECOND), clock.deadlines);
            loop.callAt(9.5, () -> { });
            assertEquals(List.of(7 * SECOND, 9_500_000_000L), clock.deadlines);
            assertEquals(List.of(true, true), clock.hookInLoop, "the hook runs where the timer was made");
            assertEquals(2.0, loop.time());
        } finally {
            loop.close();
        }
    }

    @Test
    void aSimulationClockRunsAnHourLongSleepAtOnce() {
        SimulationClock clock = new SimulationClock();
        EventLoop loop = VirtualTimeLoop.create(clock);
        try {
            double took = loop.runUntilComplete(() -> {
                double t0 = loop.time();
                Asyncio.sleep(3600);
                return loop.time() - t0;
            });
            assertEquals(3600.0, took);
        } finally {
            loop.close();
        }
    }

    @Test
    void aSimulationClockKeepsTimersInDeadlineOrder() {
        SimulationClock clock = new SimulationClock();
        EventLoop loop = VirtualTimeLoop.create(clock);
        List<String> order = new ArrayList<>();
        try {
            loop.runUntilComplete(() -> {
                Task<Void> slow = Asyncio.createTask(() -> {
                    Asyncio.sleep(2);
                    order.add("slow@" + loop.time());
                    return null;
                });
                Task<Void> fast = Asyncio.createTask(() -> {
                    Asyncio.sleep(1);
                    order.add("fast@" + loop.time());
                    return null;
                });
                Asyncio.gather(slow, fast).await();
                return null;
            });
            assertEquals(List.of("fast@1.0", "slow@2.0"), order);
        } finally {
            loop.close();
        }
    }

    @Test
    void theLoopNeverJumpsAndFiresOnlyWhenWokenAtTheDeadline() throws Exception {
        ManualClock clock = new ManualClock();
        CompletableFuture<Double> fired = new CompletableFuture<>();
        try (LoopThread lt = LoopThread.start(VirtualTimeLoop.create(clock))) {
            EventLoop loop = lt.loop();
            clock.onLoopThenIdle(loop, () -> loop.callLater(10, () -> fired.complete(loop.time())));
            assertEquals(List.of(10 * SECOND), clock.deadlines);
            assertEquals(List.of(true), clock.hookInLoop, "the hook runs on the loop");
            assertFalse(fired.isDone(), "an idle loop on an external clock does not jump to its timer");
            assertEquals(0.0, loop.time());

            clock.advanceTo(loop, 10 * SECOND - 1);
            assertFalse(fired.isDone(), "not due yet");

            clock.advanceTo(loop, 10 * SECOND);
            assertEquals(10.0, fired.getNow(null), "ran before the loop reported idle");
        }
    }

    @Test
    void whatDueTimersScheduleIsKnownBeforeTheLoopReportsIdle() throws Exception {
        ManualClock clock = new ManualClock();
        List<Double> ticks = new CopyOnWriteArrayList<>();
        try (LoopThread lt = LoopThread.start(VirtualTimeLoop.create(clock))) {
            EventLoop loop = lt.loop();
            clock.onLoopThenIdle(loop, () -> loop.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    Asyncio.sleep(3600);
                    ticks.add(loop.time());
                }
                return null;
            }));
            // A driver stepping through the deadlines it was told of, one idle report at a time.
            for (int seen = 0; seen < clock.deadlines.size(); seen++) {
                clock.advanceTo(loop, clock.deadlines.get(seen));
            }
            assertEquals(List.of(3600.0, 7200.0, 10800.0), ticks);
            assertEquals(List.of(3600 * SECOND, 7200 * SECOND, 10800 * SECOND), clock.deadlines);
        }
    }

    @Test
    void aCancelledTimersWakeUpIsHarmless() throws Exception {
        ManualClock clock = new ManualClock();
        CompletableFuture<Void> fired = new CompletableFuture<>();
        try (LoopThread lt = LoopThread.start(VirtualTimeLoop.create(clock))) {
            EventLoop loop = lt.loop();
            clock.onLoopThenIdle(loop, () -> loop.callLater(5, () -> fired.complete(null)).cancel());
            clock.advanceTo(loop, 5 * SECOND);
            assertFalse(fired.isDone());
            assertTrue(loop.isRunning());
        }
    }

    @Test
    void anAlreadyDueTimerRunsWithoutAWakeUp() {
        ManualClock clock = new ManualClock();
        clock.now = 5 * SECOND;
        EventLoop loop = VirtualTimeLoop.create(clock);
        try {
            double at = loop.runUntilComplete(() -> {
                io.asyncio4j.Future<Double> f = loop.createFuture();
                loop.callAt(4.0, () -> f.setResult(loop.time()));
                return f.await();
            });
            assertEquals(5.0, at);
        } finally {
            loop.close();
        }
    }

    @Test
    void createRejectsANullClock() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> VirtualTimeLoop.create((ExternalClock) null));
        assertEquals("clock", e.getMessage());
    }
}
