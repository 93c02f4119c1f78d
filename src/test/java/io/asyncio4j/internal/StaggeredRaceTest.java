package io.asyncio4j.internal;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * asyncio's {@code staggered_race} (test_staggered.py StaggeredTests), on the virtual-time loop so
 * the delays cost nothing and the start times are exact.
 */
class StaggeredRaceTest {
    private final List<String> disposed = new ArrayList<>();

    private StaggeredRace.Outcome<String> race(List<Coroutine<String>> attempts, Double delay) {
        return StaggeredRace.race(Asyncio.getRunningLoop(), attempts, delay, disposed::add);
    }

    /** Ports test_staggered.py test_empty. */
    @Test
    void testEmpty() {
        var out = VirtualTimeLoop.run(() -> race(List.of(), null));
        assertNull(out.winnerResult());
        assertEquals(-1, out.winnerIndex());
        assertEquals(List.of(), out.exceptions());
    }

    /** Ports test_staggered.py test_one_successful: the first wins, the second never starts. */
    @Test
    void testOneSuccessful() {
        List<Integer> started = new ArrayList<>();
        var out = VirtualTimeLoop.run(() -> race(List.of(
                () -> { started.add(0); return "Res: 0"; },
                () -> { started.add(1); return "Res: 1"; }), null));
        assertEquals("Res: 0", out.winnerResult());
        assertEquals(0, out.winnerIndex());
        assertEquals(1, out.exceptions().size());
        assertNull(out.exceptions().get(0));
        assertEquals(List.of(0), started);
    }

    /** Ports test_staggered.py test_first_error_second_successful. */
    @Test
    void testFirstErrorSecondSuccessful() {
        var out = VirtualTimeLoop.run(() -> race(List.of(
                () -> { throw new IllegalStateException("0"); },
                () -> "Res: 1"), null));
        assertEquals("Res: 1", out.winnerResult());
        assertEquals(1, out.winnerIndex());
        assertEquals(2, out.exceptions().size());
        assertInstanceOf(IllegalStateException.class, out.exceptions().get(0));
        assertNull(out.exceptions().get(1));
    }

    /**
     * Ports test_staggered.py test_first_timeout_second_successful: the second starts after the
     * delay, wins, and the first is cancelled (its entry is the CancelledError).
     */
    @Test
    void testFirstTimeoutSecondSuccessful() {
        List<Double> startedAt = new ArrayList<>();
        var out = VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            return race(List.of(
                    () -> { startedAt.add(loop.time() - t0); Asyncio.sleep(10); return "Res: 0"; },
                    () -> { startedAt.add(loop.time() - t0); return "Res: 1"; }), 0.1);
        });
        assertEquals("Res: 1", out.winnerResult());
        assertEquals(1, out.winnerIndex());
        assertInstanceOf(CancelledError.class, out.exceptions().get(0));
        assertNull(out.exceptions().get(1));
        assertEquals(0.0, startedAt.get(0), 1e-9);
        assertEquals(0.1, startedAt.get(1), 1e-9);
    }

    /** Ports test_staggered.py test_none_successful. */
    @Test
    void testNoneSuccessful() {
        var out = VirtualTimeLoop.run(() -> race(List.of(
                () -> { throw new IllegalStateException("0"); },
                () -> { throw new IllegalStateException("1"); }), null));
        assertNull(out.winnerResult());
        assertEquals(-1, out.winnerIndex());
        assertEquals("0", out.exceptions().get(0).getMessage());
        assertEquals("1", out.exceptions().get(1).getMessage());
    }

    /**
     * The staircase of RFC 8305: each attempt starts when the previous failed or after the delay,
     * whichever is first (staggered.py run_one_coro's wait_for(previous_failed.wait(), delay)).
     */
    @Test
    void nextStartsOnFailureOrAfterDelay() {
        List<Double> startedAt = new ArrayList<>();
        var out = VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            Coroutine<String> slowFail = () -> {
                startedAt.add(loop.time() - t0);
                Asyncio.sleep(0.05);
                throw new java.io.IOException("refused");
            };
            Coroutine<String> hang = () -> {
                startedAt.add(loop.time() - t0);
                Asyncio.sleep(100);
                return "late";
            };
            Coroutine<String> win = () -> {
                startedAt.add(loop.time() - t0);
                Asyncio.sleep(0.5);
                return "won";
            };
            return race(List.of(slowFail, hang, win), 0.25);
        });
        // 0: starts at 0, fails at 0.05 -> 1 starts at 0.05; 1 hangs -> 2 starts at 0.30, wins at 0.80.
        assertEquals(List.of(0.0, 0.05, 0.30), startedAt.stream().map(d -> Math.round(d * 1000) / 1000.0).toList());
        assertEquals("won", out.winnerResult());
        assertEquals(2, out.winnerIndex());
        assertInstanceOf(java.io.IOException.class, out.exceptions().get(0));
        assertInstanceOf(CancelledError.class, out.exceptions().get(1));
        assertEquals(List.of(), disposed);
    }

    /** Two attempts finishing in the same loop iteration: one wins, the other's result is disposed of. */
    @Test
    void secondSuccessInSameIterationIsDisposed() {
        var out = VirtualTimeLoop.run(() -> race(List.of(
                () -> { Asyncio.sleep(1); return "a"; },
                () -> { Asyncio.sleep(0.5); return "b"; }), 0.5));
        assertEquals("a", out.winnerResult());
        assertEquals(List.of("b"), disposed);
        assertInstanceOf(CancelledError.class, out.exceptions().get(1));
    }

    /** Cancelling the caller cancels every attempt and disposes of what they still deliver. */
    @Test
    void cancellingTheCallerCancelsTheAttempts() {
        List<String> cancelled = new ArrayList<>();
        VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Task<StaggeredRace.Outcome<String>> racing = loop.createTask(() -> race(List.of(
                    () -> {
                        try {
                            Asyncio.sleep(10);
                            return "never";
                        } catch (CancelledError e) {
                            cancelled.add("0");
                            throw e;
                        }
                    },
                    () -> {
                        try {
                            Asyncio.sleep(10);
                            return "never";
                        } catch (CancelledError e) {
                            cancelled.add("1");
                            // Ignores the cancellation and still produces a result: it must be disposed of.
                            return "stubborn";
                        }
                    }), 1.0));
            Asyncio.sleep(2);
            racing.cancel();
            assertThrows(CancelledError.class, racing::await);
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            return null;
        });
        assertEquals(List.of("0", "1"), cancelled.stream().sorted().toList());
        assertEquals(List.of("stubborn"), disposed);
    }

    /** A negative delay is a caller's mistake. */
    @Test
    void negativeDelayIsRejected() {
        VirtualTimeLoop.run(() -> {
            var e = assertThrows(IllegalArgumentException.class, () -> race(List.of(() -> "x"), -1.0));
            assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
            return null;
        });
    }
}
