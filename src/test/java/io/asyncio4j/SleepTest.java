package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Asyncio#sleep}: ports of CPython 3.13 {@code test_tasks.py} sleep cases. */
@ExtendWith(LoopExtension.class)
class SleepTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    /** Ports test_tasks.py CompatibilityTests.test_sleep: two half sleeps, the second returns its result. */
    @Test
    void sleepReturnsResultAfterDelay() {
        Task<String> t = loop.createTask(() -> {
            sleep(0.05);
            return sleep(0.05, "yeah");
        });
        assertEquals("yeah", loop.runUntilComplete(t));
        assertEquals(0.1, loop.time(), 1e-9);
    }

    /** Ports test_tasks.py test_sleep_when_delay_is_nan: a NaN delay is refused. */
    @Test
    void sleepWhenDelayIsNan() {
        Task<Void> t = loop.createTask(() -> {
            sleep(Double.NaN);
            return null;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    /** Ports test_tasks.py test_sleep_zero: sleep(0) lets a callback scheduled before it run, and returns the result. */
    @Test
    void sleepZero() {
        int[] result = {0};
        loop.runUntilComplete(() -> {
            getRunningLoop().callSoon(() -> result[0] += 1);
            assertEquals(0, result[0]);
            int num = sleep(0, 10);
            assertEquals(1, result[0]);
            result[0] += num;
            return null;
        });
        assertEquals(11, result[0]);
    }

    /**
     * sleep(0) is a yield that lets every other ready callback run once: the interleaving of three
     * tasks and two callbacks is the one real asyncio 3.13 prints for the same program.
     */
    @Test
    void sleepZeroInterleavingMatchesAsyncio() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            Task<String> ta = createTask(() -> {
                log.add("a0");
                l.callSoon(() -> log.add("cbA"));
                sleep(0);
                log.add("a1");
                sleep(0);
                log.add("a2");
                return "A";
            });
            Task<String> tb = createTask(() -> {
                log.add("b0");
                sleep(0);
                log.add("b1");
                return "B";
            });
            l.callSoon(() -> log.add("cb1"));
            log.add("m0");
            sleep(0);
            log.add("m1");
            List<Object> r = gather(ta, tb).await();
            log.add("m2 " + r);
            return null;
        });
        // python3.13: ['m0', 'a0', 'b0', 'cb1', 'm1', 'cbA', 'a1', 'b1', 'a2', "m2 ['A', 'B']"]
        assertEquals(List.of("m0", "a0", "b0", "cb1", "m1", "cbA", "a1", "b1", "a2", "m2 [A, B]"), log);
    }

    /** A negative delay behaves like sleep(0) (asyncio: delay <= 0 is a bare yield). */
    @Test
    void negativeDelayYields() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            getRunningLoop().callSoon(() -> log.add("cb"));
            sleep(-1);
            log.add("after");
            return null;
        });
        assertEquals(List.of("cb", "after"), log);
        assertEquals(0.0, loop.time(), 1e-9);
    }

    /** The Duration overload sleeps as long as the seconds one. */
    @Test
    void sleepDuration() {
        loop.runUntilComplete(() -> {
            sleep(Duration.ofMillis(1500));
            return null;
        });
        assertEquals(1.5, loop.time(), 1e-9);
    }

    /** Sleepers wake in deadline order; equal deadlines wake in the order they were scheduled. */
    @Test
    void sleepersWakeInDeadlineOrder() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Task<?> a = createTask(() -> { sleep(2); log.add("a"); return null; });
            Task<?> b = createTask(() -> { sleep(1); log.add("b"); return null; });
            Task<?> c = createTask(() -> { sleep(1); log.add("c"); return null; });
            gather(a, b, c).await();
            return null;
        });
        assertEquals(List.of("b", "c", "a"), log);
        assertEquals(2.0, loop.time(), 1e-9);
    }
}
