package io.asyncio4j;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Asyncio.run and Runner: ports test_runners.py RunTests and RunnerTests. */
class RunnerTest {

    /** Ports test_runners.py RunTests.test_asyncio_run_return. */
    @Test
    void runReturns() {
        assertEquals(42, Asyncio.run(() -> {
            Asyncio.sleep(0);
            return 42;
        }));
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_raises; the loop is closed afterwards. */
    @Test
    void runRaisesAndClosesTheLoop() {
        EventLoop[] seen = new EventLoop[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.run(() -> {
            seen[0] = Asyncio.getRunningLoop();
            Asyncio.sleep(0);
            throw new IllegalArgumentException("spam");
        }));
        assertEquals("spam", e.getMessage());
        assertTrue(seen[0].isClosed());
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_debug. */
    @Test
    void runDebug() {
        assertTrue(Asyncio.run(() -> Asyncio.getRunningLoop().getDebug(), true));
        assertFalse(Asyncio.run(() -> Asyncio.getRunningLoop().getDebug(), false));
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_from_running_loop. */
    @Test
    void runFromRunningLoopFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VirtualTimeLoop.run(() ->
                Asyncio.run(() -> 1)));
        assertTrue(e.getMessage().contains("cannot be called from a running event loop"), e.getMessage());
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_cancels_hanging_tasks; their finally blocks run. */
    @Test
    void runCancelsLeftoverTasks() {
        List<String> log = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Task<Void>[] leftover = new Task[1];
        int r = VirtualTimeLoop.run(() -> {
            leftover[0] = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(0.1);
                    log.add("not cancelled");
                } catch (CancelledError e) {
                    log.add("cancelled");
                    throw e;
                } finally {
                    log.add("finally");
                }
                return null;
            });
            Asyncio.sleep(0);
            return 123;
        });
        assertEquals(123, r);
        assertTrue(leftover[0].done());
        assertTrue(leftover[0].cancelled());
        assertEquals(List.of("cancelled", "finally"), log);
    }

    /**
     * Ports test_runners.py RunTests.test_asyncio_run_cancels_hanging_tasks, edge case checked
     * against CPython 3.13: a task created right before main returns still gets its first step
     * (it was scheduled before the loop's stop callback), so it finishes instead of being cancelled.
     */
    @Test
    void taskScheduledBeforeMainReturnsStillRuns() {
        List<String> log = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Task<Void>[] leftover = new Task[1];
        VirtualTimeLoop.run(() -> {
            leftover[0] = Asyncio.createTask(() -> {
                log.add("started");
                return null;
            });
            return null;
        });
        assertTrue(leftover[0].done());
        assertFalse(leftover[0].cancelled());
        assertEquals(List.of("started"), log);
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_reports_hanging_tasks_errors. */
    @Test
    void runReportsErrorsOfLeftoverTasks() {
        List<Map<String, Object>> calls = new ArrayList<>();
        try (Runner runner = new Runner(null, () -> {
            EventLoop l = VirtualTimeLoop.create();
            l.setExceptionHandler((loop, ctx) -> calls.add(ctx));
            return l;
        })) {
            runner.run(() -> {
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(0.1);
                    } catch (CancelledError e) {
                        throw new ArithmeticException("/ by zero");
                    }
                    return null;
                });
                Asyncio.sleep(0);
                return null;
            });
        }
        assertEquals(1, calls.size());
        assertEquals("unhandled exception during asyncio.run() shutdown", calls.get(0).get("message"));
        assertInstanceOf(ArithmeticException.class, calls.get(0).get("exception"));
        assertInstanceOf(Task.class, calls.get(0).get("task"));
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_set_event_loop: the thread's loop during and after run. */
    @Test
    void runSetsAndClearsTheThreadLoop() {
        Asyncio.setEventLoop(null);
        EventLoop[] inside = new EventLoop[2];
        Asyncio.run(() -> {
            inside[0] = Asyncio.getRunningLoop();
            inside[1] = Asyncio.getEventLoop();
            return null;
        });
        assertSame(inside[0], inside[1]);
        EventLoop after = Asyncio.getEventLoop();
        try {
            assertNotSame(inside[0], after);
            assertFalse(after.isClosed());
        } finally {
            after.close();
            Asyncio.setEventLoop(null);
        }
    }

    /** Ports test_runners.py RunnerTests.test_non_debug and test_debug. */
    @Test
    void runnerDebugFlag() {
        try (Runner r = new Runner(false)) {
            assertFalse(r.getLoop().getDebug());
        }
        try (Runner r = new Runner(true)) {
            assertTrue(r.getLoop().getDebug());
        }
    }

    /** Ports test_runners.py RunnerTests.test_custom_factory / RunTests.test_asyncio_run_loop_factory. */
    @Test
    void runnerUsesTheLoopFactory() {
        EventLoop mine = VirtualTimeLoop.create();
        try (Runner r = new Runner(null, () -> mine)) {
            assertSame(mine, r.getLoop());
            assertSame(mine, r.run(Asyncio::getRunningLoop));
        }
        assertTrue(mine.isClosed());
    }

    /** Ports test_runners.py RunnerTests.test_run: several runs share one loop. */
    @Test
    void runnerRunsSeveralTimesOnOneLoop() {
        try (Runner r = new Runner(null, VirtualTimeLoop::create)) {
            EventLoop a = r.run(Asyncio::getRunningLoop);
            EventLoop b = r.run(() -> {
                Asyncio.sleep(5);
                return Asyncio.getRunningLoop();
            });
            assertSame(a, b);
            assertSame(a, r.getLoop());
            assertEquals(5.0, a.time(), 1e-9);
        }
    }

    /** Ports test_runners.py RunnerTests.test_explicit_close. */
    @Test
    void explicitClose() {
        Runner r = new Runner(null, VirtualTimeLoop::create);
        EventLoop loop = r.getLoop();
        r.close();
        assertTrue(loop.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.run(() -> 1));
        assertEquals("Runner is closed", e.getMessage());
        assertThrows(IllegalStateException.class, r::getLoop);
    }

    /** Ports test_runners.py RunnerTests.test_double_close. */
    @Test
    void doubleClose() {
        Runner r = new Runner(null, VirtualTimeLoop::create);
        EventLoop loop = r.getLoop();
        r.close();
        r.close();
        assertTrue(loop.isClosed());
    }

    /** Ports test_runners.py RunnerTests.test_run_keeps_context. */
    @Test
    void runKeepsContext() {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        try (Runner r = new Runner(null, VirtualTimeLoop::create)) {
            Coroutine<Integer> f1 = () -> {
                int old = cvar.get();
                Asyncio.sleep(0);
                cvar.set(1);
                return old;
            };
            Coroutine<Integer> f2 = () -> {
                int old = cvar.get();
                Asyncio.sleep(0);
                cvar.set(2);
                return old;
            };
            assertEquals(-1, r.run(f1));
            assertEquals(1, r.run(f2));
            assertEquals(2, r.run(Context::copyCurrent).get(cvar));
        }
    }

    /** Ports test_runners.py RunnerTests.test_recursive_run. */
    @Test
    void recursiveRunFails() {
        try (Runner r = new Runner(null, VirtualTimeLoop::create)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.run(() -> r.run(() -> 1)));
            assertEquals("Runner.run() cannot be called from a running event loop", e.getMessage());
        }
    }

    /** Runner.close() cancels what is left and lets each finally block run before the loop closes. */
    @Test
    void runnerCloseUnwindsLeftoverTasks() {
        List<String> log = new ArrayList<>();
        Runner r = new Runner(null, VirtualTimeLoop::create);
        EventLoop loop = r.getLoop();
        r.run(() -> {
            for (int i = 0; i < 3; i++) {
                int n = i;
                Asyncio.createTask(() -> {
                    try {
                        Asyncio.sleep(3600);
                    } finally {
                        log.add("finally " + n);
                    }
                    return null;
                });
            }
            Asyncio.sleep(0);
            return null;
        });
        assertEquals(List.of(), log);
        r.close();
        assertEquals(List.of("finally 0", "finally 1", "finally 2"), log);
        assertTrue(loop.isClosed());
    }

    /** Ports test_runners.py RunTests.test_asyncio_run_only_coro: a null coroutine is refused. */
    @Test
    void runRefusesNull() {
        try (Runner r = new Runner(null, VirtualTimeLoop::create)) {
            assertEquals("coro", assertThrows(NullPointerException.class, () -> r.run(null)).getMessage());
        }
    }
}
