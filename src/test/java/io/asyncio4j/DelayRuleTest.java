package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One rule for every delay, in seconds or as a {@link Duration}: huge or infinite means never,
 * negative means now, NaN is refused before anything changes. Checked against CPython 3.13:
 * {@code sleep(inf)} and {@code timeout(inf)} never fire, {@code sleep(-5)} yields,
 * {@code timeout(-1)} expires at once, {@code sleep(nan)} raises ValueError (test_tasks.py
 * test_sleep_when_delay_is_nan); asyncio has no Duration and lets {@code timeout(nan)} break
 * the loop, so here NaN is refused everywhere.
 */
@ExtendWith(LoopExtension.class)
class DelayRuleTest {
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    private static final Duration THOUSAND_YEARS = Duration.ofDays(365L * 1000);
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    /** Sleeps a later task would outlive: each one is still pending, then cancellable. */
    @Test
    void hugeAndInfiniteSleepsNeverWake() {
        List<Task<Void>> sleepers = List.of(
                loop.createTask(() -> { sleep(FOREVER); return null; }),
                loop.createTask(() -> { sleep(THOUSAND_YEARS); return null; }),
                loop.createTask(() -> { sleep(Double.POSITIVE_INFINITY); return null; }),
                loop.createTask(() -> { sleep(1e300); return null; }));
        loop.runUntilComplete(() -> {
            sleep(Duration.ofDays(365L * 50));
            return null;
        });
        for (Task<Void> t : sleepers) {
            assertFalse(t.done(), t.toString());
            t.cancel();
        }
        loop.runUntilComplete(() -> {
            Asyncio.wait(sleepers);
            return null;
        });
        sleepers.forEach(t -> assertTrue(t.cancelled()));
    }

    /** Huge and infinite timeouts never expire; the body's result comes back. */
    @Test
    void hugeAndInfiniteTimeoutsNeverExpire() {
        assertEquals("a", loop.runUntilComplete(() -> timeout(FOREVER, () -> sleep(1, "a"))));
        assertEquals("b", loop.runUntilComplete(() -> timeout(THOUSAND_YEARS, () -> sleep(1, "b"))));
        assertEquals("c", loop.runUntilComplete(() -> timeout(Double.POSITIVE_INFINITY, () -> sleep(1, "c"))));
        assertEquals("d", loop.runUntilComplete(() -> timeoutAt(Double.POSITIVE_INFINITY, () -> sleep(1, "d"))));
        assertEquals("e", loop.runUntilComplete(() -> waitFor(() -> sleep(1, "e"), Double.POSITIVE_INFINITY)));
    }

    /** callLater with a huge Duration, an infinite delay or an infinite deadline: never runs. */
    @Test
    void hugeTimersNeverRun() {
        List<String> ran = new ArrayList<>();
        loop.callLater(FOREVER, () -> ran.add("forever"));
        loop.callLater(Double.POSITIVE_INFINITY, () -> ran.add("inf"));
        loop.callAt(Double.POSITIVE_INFINITY, () -> ran.add("at inf"));
        loop.callAt(Double.MAX_VALUE, () -> ran.add("at max"));
        loop.runUntilComplete(() -> {
            sleep(Duration.ofDays(365L * 50));
            return null;
        });
        assertEquals(List.of(), ran);
    }

    /** Negative delays mean now: sleeps yield, timeouts expire at once, timers keep their order. */
    @Test
    void negativeDelaysMeanNow() {
        double start = loop.time();
        assertEquals("x", loop.runUntilComplete(() -> {
            sleep(Duration.ofSeconds(-1));
            sleep(Duration.ofSeconds(Long.MIN_VALUE));
            return sleep(-5, "x");
        }));
        assertEquals(start, loop.time(), 1e-9);
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(() -> timeout(Duration.ofSeconds(-1), () -> sleep(1, "late"))));
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(() -> timeout(Duration.ofSeconds(Long.MIN_VALUE), () -> sleep(1, "late"))));
        List<String> order = new ArrayList<>();
        loop.callLater(Duration.ofSeconds(-1), () -> order.add("-1"));
        loop.callLater(Duration.ofSeconds(Long.MIN_VALUE), () -> order.add("min"));
        loop.callLater(Duration.ofSeconds(-2), () -> order.add("-2"));
        loop.runUntilComplete(() -> sleep(0.001, null));
        assertEquals(List.of("min", "-2", "-1"), order);
    }

    /** NaN is refused with a clear error, before anything is scheduled or cancelled. */
    @Test
    void nanIsRefusedEverywhere() {
        Runnable cb = () -> fail("must not run");
        assertThrows(IllegalArgumentException.class, () -> loop.callLater(Double.NaN, cb));
        assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, cb));
        Future<String> f = loop.createFuture();
        List<Class<?>> errors = loop.runUntilComplete(() -> {
            List<Class<?>> got = new ArrayList<>();
            got.add(failure(() -> {
                sleep(Double.NaN);
                return null;
            }));
            got.add(failure(() -> timeout(Double.NaN, () -> "body")));
            got.add(failure(() -> timeoutAt(Double.NaN, () -> "body")));
            got.add(failure(() -> waitFor(f, Double.NaN)));
            got.add(failure(() -> timeout(Timeout.NEVER, scope -> {
                scope.reschedule(Double.NaN);
                return null;
            })));
            return got;
        });
        errors.forEach(c -> assertEquals(IllegalArgumentException.class, c));
        assertFalse(f.done(), "waitFor(NaN) must not touch the future");
    }

    private static Class<?> failure(Coroutine<?> body) {
        try {
            body.call();
            return null;
        } catch (Throwable e) {
            return e.getClass();
        }
    }
}
