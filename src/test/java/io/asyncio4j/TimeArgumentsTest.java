package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every delay and timeout takes primitive seconds (an {@code int} literal compiles), a
 * {@link Duration}, or {@link Timeout#NEVER} for asyncio's {@code None}; NaN is refused.
 */
@ExtendWith(LoopExtension.class)
class TimeArgumentsTest {

    @Test
    void intLiteralsCompileAndMeanSeconds(EventLoop loop) {
        String r = loop.runUntilComplete(() -> {
            Task<String> t = createTask(() -> sleep(5, "slept"));
            return waitFor(t, 100) + timeout(10, () -> "in-scope");
        });
        assertEquals("sleptin-scope", r);
        assertEquals(5.0, loop.time(), 1e-9);
    }

    @Test
    void durationFormsTimeOutAtTheRightLoopTime(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> waitFor(() -> sleep(60, null), Duration.ofMillis(1500)));
            assertEquals(t0 + 1.5, loop.time(), 1e-6);
            double t1 = loop.time();
            assertThrows(TimeoutError.class, () -> timeout(Duration.ofSeconds(2), () -> sleep(60, null)));
            assertEquals(t1 + 2, loop.time(), 1e-6);
            Task<Void> slow = createTask(() -> sleep(60, null));
            Done<Void> d = Asyncio.wait(List.of(slow), Duration.ofSeconds(3), ReturnWhen.ALL_COMPLETED);
            assertEquals(1, d.pending().size());
            assertThrows(TimeoutError.class, () -> asCompleted(List.of(slow), Duration.ofSeconds(1)).iterator().next());
            slow.cancel();
            return null;
        });
    }

    @Test
    void scopeDurationBodySeesItsDeadline(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double start = loop.time();
            double when = timeout(Duration.ofSeconds(7), scope -> scope.when());
            assertEquals(start + 7, when, 1e-6);
            return null;
        });
    }

    /** asyncio's timeout(None): no deadline, when() is None (here NEVER), reschedule may set one. */
    @Test
    void neverMeansNoLimit(EventLoop loop) {
        loop.runUntilComplete(() -> {
            assertEquals("done", waitFor(() -> sleep(1e6, "done"), Timeout.NEVER));
            assertEquals(Timeout.NEVER, timeout(scope -> scope.when()));
            assertEquals(Timeout.NEVER, timeout(Timeout.NEVER, scope -> scope.when() + 5));
            assertThrows(TimeoutError.class, () -> timeout(scope -> {
                scope.reschedule(loop.time() + 1);
                return sleep(10, null);
            }));
            return null;
        });
    }

    @Test
    void nanIsRefusedWithAClearMessage(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> t = createTask(() -> "x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> waitFor(t, Double.NaN));
            assertTrue(e.getMessage().contains("timeout"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> timeout(Double.NaN, () -> null));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.of(t), Double.NaN, ReturnWhen.ALL_COMPLETED));
            assertThrows(IllegalArgumentException.class, () -> timeout(scope -> {
                scope.reschedule(Double.NaN);
                return null;
            }));
            assertEquals("x", t.await());
            return null;
        });
    }

    @Test
    void nullDurationNamesTheParameter(EventLoop loop) {
        loop.runUntilComplete(() -> {
            NullPointerException e = assertThrows(NullPointerException.class, () -> timeout((Duration) null, () -> null));
            assertEquals("delay is null (for no limit, pass Timeout.NEVER)", e.getMessage());
            return null;
        });
    }

    /**
     * asyncio 3.13's wait_for awaits a coroutine inside a timeout() scope in the caller's task
     * (checked in CPython 3.13: current_task() inside is the caller for timeout=10 and None); only
     * timeout <= 0 wraps it in a task, which is cancelled before it starts.
     */
    @Test
    void waitForRunsACoroutineInTheCallersTaskAsAsyncio313(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<?> outer = currentTask();
            assertSame(outer, waitFor(() -> currentTask(), 10));
            assertSame(outer, waitFor(() -> currentTask(), Timeout.NEVER));
            boolean[] ran = {false};
            assertThrows(TimeoutError.class, () -> waitFor(() -> ran[0] = true, 0));
            assertFalse(ran[0]);
            return null;
        });
    }

    /** On timeout the caller's task is not left cancelling: the scope uncancels it. */
    @Test
    void waitForTimeoutLeavesTheCallerUncancelled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            assertThrows(TimeoutError.class, () -> waitFor(() -> sleep(10, null), 1));
            assertEquals(0, currentTask().cancelling());
            return null;
        });
    }
}
