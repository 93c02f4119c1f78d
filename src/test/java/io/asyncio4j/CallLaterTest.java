package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import io.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * callSoon, callLater, callAt, the clock and handles. Ports test_base_events.py
 * BaseEventLoopTests (call_soon/call_later/call_at cases), test_events.py
 * EventLoopTestsMixin.test_call_later/test_call_soon, HandleTests and TimerTests.
 */
@ExtendWith(LoopExtension.class)
class CallLaterTest {

    private static void runOnce(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /** Ports test_events.py EventLoopTestsMixin.test_call_soon. */
    @Test
    void callSoonRunsOnTheNextIteration(EventLoop loop) {
        List<String> results = new ArrayList<>();
        loop.callSoon(() -> {
            results.add("hello world");
            loop.stop();
        });
        assertTrue(results.isEmpty(), "never inline");
        loop.runForever();
        assertEquals(List.of("hello world"), results);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_call_soon: FIFO order and the handle. */
    @Test
    void callSoonIsFifo(EventLoop loop) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            Handle h = loop.callSoon(() -> order.add(n));
            assertFalse(h.cancelled());
            assertSame(loop, h.getLoop());
        }
        runOnce(loop);
        assertEquals(100, order.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order.get(i));
        }
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_call_soon_non_callable. */
    @Test
    void callSoonRejectsNull(EventLoop loop) {
        NullPointerException e = assertThrows(NullPointerException.class, () -> loop.callSoon(null));
        assertEquals("callback", e.getMessage());
        assertThrows(NullPointerException.class, () -> loop.callLater(1, null));
        assertThrows(NullPointerException.class, () -> loop.callSoonThreadsafe(null));
    }

    /** Ports test_base_events.py BaseEventLoopTests.test__run_once_schedule_handle. */
    @Test
    void callbackScheduledByACallbackWaitsForTheNextIteration(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            log.add("first");
            loop.callSoon(() -> log.add("scheduled"));
        });
        loop.stop();
        loop.runForever();
        assertEquals(List.of("first"), log);
        runOnce(loop);
        assertEquals(List.of("first", "scheduled"), log);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test__add_callback_cancelled_handle and test_events.py HandleTests.test_handle. */
    @Test
    void cancelledHandleDoesNotRun(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Handle h = loop.callSoon(() -> log.add("cancelled"));
        loop.callSoon(() -> log.add("kept"));
        h.cancel();
        assertTrue(h.cancelled());
        h.cancel();
        assertTrue(h.cancelled());
        runOnce(loop);
        assertEquals(List.of("kept"), log);
    }

    /** Ports test_events.py HandleTests.test_handle: cancelling a handle that already ran changes nothing. */
    @Test
    void cancelAfterRunIsHarmless(EventLoop loop) {
        int[] runs = {0};
        Handle h = loop.callSoon(() -> runs[0]++);
        runOnce(loop);
        h.cancel();
        runOnce(loop);
        assertEquals(1, runs[0]);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_call_later and test_base_events.py test_call_later. */
    @Test
    void callLaterRunsAfterTheDelay(EventLoop loop) {
        List<Double> at = new ArrayList<>();
        TimerHandle h = loop.callLater(0.1, () -> {
            at.add(loop.time());
            loop.stop();
        });
        assertEquals(0.1, h.when(), 1e-9);
        double t0 = loop.time();
        loop.runForever();
        assertEquals(List.of(0.1), at);
        assertEquals(0.1, loop.time() - t0, 1e-9);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_call_later_negative_delays. */
    @Test
    void negativeDelaysKeepTheirOrder(EventLoop loop) {
        List<String> calls = new ArrayList<>();
        loop.callLater(-1, () -> calls.add("a"));
        loop.callLater(-2, () -> calls.add("b"));
        runOnce(loop);
        assertEquals(List.of("b", "a"), calls);
        assertEquals(0.0, loop.time());
    }

    /** Checks the clear error for a NaN delay (asyncio raises TypeError for non-numbers). */
    @Test
    void nanDelayIsRejected(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.callLater(Double.NaN, () -> { }));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> { }));
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_time_and_call_at. */
    @Test
    void timeAndCallAt(EventLoop loop) {
        double delay = 0.1;
        double when = loop.time() + delay;
        TimerHandle h = loop.callAt(when, loop::stop);
        assertEquals(when, h.when(), 1e-9);
        double t0 = loop.time();
        loop.runForever();
        assertEquals(delay, loop.time() - t0, 1e-9);
    }

    /** Ports test_events.py TimerTests.test_timer_comparison: timers run by deadline, ties in scheduling order. */
    @Test
    void timersRunByDeadlineThenSchedulingOrder(EventLoop loop) {
        List<String> order = new ArrayList<>();
        loop.callLater(2, () -> order.add("t2"));
        loop.callLater(1, () -> order.add("t1-a"));
        loop.callAt(1, () -> order.add("t1-b"));
        loop.callLater(Duration.ofSeconds(1), () -> order.add("t1-c"));
        loop.callLater(0.5, () -> order.add("t0.5"));
        loop.callLater(1, () -> order.add("t1-d"));
        loop.callLater(3, loop::stop);
        loop.runForever();
        assertEquals(List.of("t0.5", "t1-a", "t1-b", "t1-c", "t1-d", "t2"), order);
        assertEquals(3.0, loop.time(), 1e-9);
    }

    /** Ports test_events.py TimerTests.test_when and the Duration overloads of call_later / sleep. */
    @Test
    void durationOverloads(EventLoop loop) {
        TimerHandle h = loop.callLater(Duration.ofMillis(1500), () -> { });
        assertEquals(1.5, h.when(), 1e-9);
        assertEquals(1_500_000_000L, h.deadlineNanos());
        double slept = loop.runUntilComplete(() -> {
            double t0 = loop.time();
            Asyncio.sleep(Duration.ofMinutes(2));
            return loop.time() - t0;
        });
        assertEquals(120.0, slept, 1e-9);
    }

    /** Ports test_events.py TimerTests.test_timer: a cancelled timer does not run and the loop does not wait for it. */
    @Test
    void cancelledTimerNeitherRunsNorHoldsTheClock(EventLoop loop) {
        List<String> log = new ArrayList<>();
        TimerHandle h = loop.callLater(100, () -> log.add("timer"));
        assertFalse(h.cancelled());
        h.cancel();
        assertTrue(h.cancelled());
        loop.runUntilComplete(() -> {
            Asyncio.sleep(1);
            return null;
        });
        assertEquals(List.of(), log);
        assertEquals(1.0, loop.time(), 1e-9);
    }

    /** Ports test_base_events.py test__run_once_cancelled_event_cleanup: many cancelled timers are dropped. */
    @Test
    void manyCancelledTimersAreDropped(EventLoop loop) {
        List<TimerHandle> hs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hs.add(loop.callLater(10 + i, () -> fail("cancelled timer ran")));
        }
        hs.forEach(TimerHandle::cancel);
        int[] ran = {0};
        loop.callLater(5, () -> ran[0]++);
        loop.callLater(6, loop::stop);
        loop.runForever();
        assertEquals(1, ran[0]);
        assertEquals(6.0, loop.time(), 1e-9);
    }

    /** Ports the virtual-time contract: sleep(3600) returns at once and loop.time() moved by 3600. */
    @Test
    void virtualSleepOfAnHour(EventLoop loop, VirtualClock clock) {
        long realStart = System.nanoTime();
        double took = loop.runUntilComplete(() -> {
            double t0 = loop.time();
            Asyncio.sleep(3600);
            return loop.time() - t0;
        });
        assertEquals(3600.0, took, 1e-9);
        assertEquals(3600.0, clock.time(), 1e-9);
        assertTrue(System.nanoTime() - realStart < Duration.ofSeconds(30).toNanos(), "virtual sleep took real time");
    }

    /** Ports the VirtualClock contract: advancing it by hand makes due timers run. */
    @Test
    void advancingTheVirtualClockByHand(EventLoop loop, VirtualClock clock) {
        List<String> log = new ArrayList<>();
        loop.callLater(5, () -> log.add("at 5"));
        clock.advance(5);
        runOnce(loop);
        assertEquals(List.of("at 5"), log);
        assertEquals(5.0, loop.time(), 1e-9);
        clock.advanceTo(1_000_000_000L);
        assertEquals(5.0, clock.time(), 1e-9, "the clock never goes back");
    }

    /** The loop.time() contract: time() of a real loop is monotonic. */
    @Test
    void realClockIsMonotonic() {
        EventLoop real = Asyncio.newEventLoop();
        try {
            double prev = real.time();
            long prevNanos = real.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                double t = real.time();
                long n = real.nanoTime();
                assertTrue(t >= prev);
                assertTrue(n >= prevNanos);
                prev = t;
                prevNanos = n;
            }
            assertEquals(real.nanoTime() / 1e9, real.time(), 0.5);
        } finally {
            real.close();
        }
    }

    /** Ports test_events.py EventLoopTestsMixin.test_call_later on a real loop: not early. */
    @Test
    void realLoopTimerIsNotEarly() {
        EventLoop real = Asyncio.newEventLoop();
        try {
            double t0 = real.time();
            double[] at = new double[1];
            real.callLater(0.05, () -> {
                at[0] = real.time();
                real.stop();
            });
            real.runForever();
            assertTrue(at[0] - t0 >= 0.05 - 1e-3, "timer ran early: " + (at[0] - t0));
        } finally {
            real.close();
        }
    }

    /** Ports test_events.py HandleTests.test_callback_with_exception: the error goes to the handler, later callbacks run. */
    @Test
    void callbackExceptionGoesToTheHandler(EventLoop loop, LoopErrors errors) {
        RuntimeException boom = new RuntimeException("boom");
        List<String> log = new ArrayList<>();
        Handle h = loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(() -> log.add("after"));
        runOnce(loop);
        assertEquals(List.of("after"), log);
        var got = errors.take();
        assertEquals(1, got.size());
        assertSame(boom, got.get(0).get("exception"));
        assertSame(h, got.get(0).get("handle"));
        assertTrue(String.valueOf(got.get(0).get("message")).startsWith("Exception in callback"));
    }

    /**
     * Ports asyncio's _run_once ordering (checked against CPython 3.13): timers that became due are
     * queued after the callbacks already ready, so call_soon from a callback runs before
     * call_later(0) and a past call_at scheduled by the same callback; due timers keep deadline order.
     */
    @Test
    void dueTimersQueueBehindReadyCallbacks(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            loop.callLater(0, () -> log.add("later0"));
            loop.callAt(loop.time() - 1, () -> log.add("past"));
            loop.callSoon(() -> log.add("soon"));
        });
        loop.callLater(0.01, loop::stop);
        loop.runForever();
        assertEquals(List.of("soon", "past", "later0"), log);
    }
}
