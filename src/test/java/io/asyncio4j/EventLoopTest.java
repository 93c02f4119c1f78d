package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The loop's life cycle: running, stopping, nesting, the loop accessors. Ports
 * test_base_events.py BaseEventLoopTests/RunningLoopTests and test_events.py EventLoopTestsMixin.
 */
@ExtendWith(LoopExtension.class)
class EventLoopTest {

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete. */
    @Test
    void runUntilCompleteCoroutine(EventLoop loop) {
        double t0 = loop.time();
        String r = loop.runUntilComplete(() -> {
            Asyncio.sleep(0.1);
            return "done";
        });
        assertEquals("done", r);
        assertEquals(0.1, loop.time() - t0, 1e-9);
        assertFalse(loop.isRunning());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_run_until_complete_type_error (a future). */
    @Test
    void runUntilCompleteFuture(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult(42));
        assertEquals(42, loop.runUntilComplete(f));
        assertEquals(1.0, loop.time(), 1e-9);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete: the result's exception is rethrown. */
    @Test
    void runUntilCompleteRethrows(EventLoop loop) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        IllegalArgumentException got = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() -> {
            throw boom;
        }));
        assertSame(boom, got);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_run_until_complete_loop. */
    @Test
    void runUntilCompleteRejectsFutureOfAnotherLoop(EventLoop loop) {
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Object> f = other.createFuture();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(f));
            assertTrue(e.getMessage().contains("another event loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete_stopped. */
    @Test
    void runUntilCompleteStoppedEarly(EventLoop loop) {
        Future<Object> never = loop.createFuture();
        loop.callLater(0.5, loop::stop);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        assertFalse(never.done());
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete_nesting. */
    @Test
    void runUntilCompleteNestingFails(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() ->
                loop.runUntilComplete(() -> "inner")));
        assertEquals("This event loop is already running", e.getMessage());
    }

    /** Ports test_base_events.py RunningLoopTests.test_running_loop_within_a_loop. */
    @Test
    void runningAnotherLoopInsideARunningLoopFails(EventLoop loop) {
        EventLoop inner = Asyncio.newEventLoop();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() ->
                    inner.runUntilComplete(() -> "x")));
            assertTrue(e.getMessage().startsWith("Cannot run the event loop while another loop is running"),
                    e.getMessage());
            assertFalse(inner.isRunning());
        } finally {
            inner.close();
        }
    }

    /** Ports test_base_events.py RunningLoopTests.test_running_loop_within_a_loop, from a plain callback. */
    @Test
    void runForeverFromACallbackOfTheSameLoopFails(EventLoop loop, LoopErrors errors) {
        loop.callSoon(loop::runForever);
        loop.callSoon(loop::stop);
        loop.runForever();
        List<java.util.Map<String, Object>> got = errors.take();
        assertEquals(1, got.size());
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, got.get(0).get("exception"));
        assertEquals("This event loop is already running", e.getMessage());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_run_once: the call_soon(stop); run_forever() idiom. */
    @Test
    void callSoonStopRunForeverRunsOnce(EventLoop loop) {
        int[] count = {0};
        loop.callSoon(() -> count[0]++);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, count[0]);
        assertFalse(loop.isRunning());
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_run_forever_pre_stopped: stop() before
     * run_forever() runs one iteration (without waiting for timers) and returns.
     */
    @Test
    void preStoppedLoopRunsOneIteration(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> log.add("soon"));
        loop.callLater(10, () -> log.add("later"));
        loop.stop();
        loop.runForever();
        assertEquals(List.of("soon"), log);
        assertEquals(0.0, loop.time());
    }

    /**
     * Ports the stop semantics of asyncio's BaseEventLoop.stop (test_base_events.py
     * test_single_selecter_event_callback_after_stopping): callbacks already ready when stop() is
     * called still run in this iteration; callbacks they schedule wait for the next run.
     */
    @Test
    void stopEndsAfterTheCurrentIteration(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(() -> log.add("c"));
        });
        loop.callSoon(loop::stop);
        loop.callSoon(() -> log.add("b"));
        loop.runForever();
        assertEquals(List.of("a", "b"), log);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b", "c"), log);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete_stopped: stop() from a task. */
    @Test
    void stopFromTaskThenResume(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> t = loop.createTask(() -> {
            log.add("start");
            loop.stop();
            Asyncio.sleep(1);
            log.add("end");
            return null;
        });
        loop.runForever();
        assertEquals(List.of("start"), log);
        assertFalse(t.done());
        loop.runUntilComplete(t);
        assertEquals(List.of("start", "end"), log);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_close_running_event_loop. */
    @Test
    void closeRunningLoopFails(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            loop.close();
            return null;
        }));
        assertEquals("Cannot close a running event loop", e.getMessage());
        assertFalse(loop.isClosed());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_close. */
    @Test
    void closedLoopRejectsWork(EventLoop loop) {
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        loop.close(); // idempotent
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class, loop::runForever).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(() -> 1)).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.callSoon(() -> { })).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.callLater(1, () -> { })).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.callSoonThreadsafe(() -> { })).getMessage());
        assertEquals("Event loop is closed", assertThrows(IllegalStateException.class,
                () -> loop.runInExecutor(null, () -> 1)).getMessage());
    }

    /** Ports test_events.py EventLoopTestsMixin: is_running() inside and outside the loop. */
    @Test
    void isRunningOnlyWhileRunning(EventLoop loop) {
        assertFalse(loop.isRunning());
        boolean inside = loop.runUntilComplete(loop::isRunning);
        assertTrue(inside);
        boolean[] inCallback = {false};
        loop.callSoon(() -> inCallback[0] = loop.isRunning());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(inCallback[0]);
        assertFalse(loop.isRunning());
    }

    /** Ports test_events.py GetEventLoopTestsMixin.test_get_event_loop_returns_running_loop. */
    @Test
    void getRunningLoopInsideTaskAndCallback(EventLoop loop) {
        assertSame(loop, loop.runUntilComplete(Asyncio::getRunningLoop));
        assertSame(loop, loop.runUntilComplete(Asyncio::getEventLoop));
        EventLoop[] seen = new EventLoop[1];
        loop.callSoon(() -> seen[0] = Asyncio.getRunningLoop());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertSame(loop, seen[0]);
    }

    /** get_running_loop() outside of a loop raises (RuntimeError). */
    @Test
    void getRunningLoopOutsideFails(EventLoop loop) {
        IllegalStateException e = assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
        assertEquals("no running event loop", e.getMessage());
        loop.runUntilComplete(() -> null);
        assertThrows(IllegalStateException.class, Asyncio::getRunningLoop);
    }

    /** Ports test_events.py PolicyTests.test_set_event_loop / test_get_event_loop_after_set_none. */
    @Test
    void setEventLoopAndGetEventLoop(EventLoop loop) {
        try {
            Asyncio.setEventLoop(loop);
            assertSame(loop, Asyncio.getEventLoop());
            Asyncio.setEventLoop(null);
            EventLoop fresh = Asyncio.getEventLoop();
            assertNotSame(loop, fresh);
            assertSame(fresh, Asyncio.getEventLoop(), "the created loop is remembered for this thread");
            fresh.close();
            EventLoop again = Asyncio.getEventLoop();
            assertNotSame(fresh, again, "a closed thread loop is replaced");
            again.close();
        } finally {
            Asyncio.setEventLoop(null);
        }
    }

    /** Ports test_events.py PolicyTests.test_new_event_loop: each call makes a new, open, idle loop. */
    @Test
    void newEventLoopIsFreshEachTime() {
        EventLoop a = Asyncio.newEventLoop();
        EventLoop b = Asyncio.newEventLoop();
        try {
            assertNotSame(a, b);
            assertFalse(a.isRunning());
            assertFalse(a.isClosed());
            String env = System.getenv("PYTHONASYNCIODEBUG");
            boolean debugByDefault = Boolean.getBoolean("asyncio4j.debug") || (env != null && !env.isEmpty());
            assertEquals(debugByDefault, a.getDebug());
        } finally {
            a.close();
            b.close();
        }
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_run_until_complete_baseexception: an Error ends the run. */
    @Test
    void runUntilCompletePropagatesErrorsAndLoopStaysUsable(EventLoop loop) {
        AssertionError boom = new AssertionError("fatal");
        assertSame(boom, assertThrows(AssertionError.class, () -> loop.runUntilComplete(() -> {
            throw boom;
        })));
        assertEquals(7, loop.runUntilComplete(() -> 7));
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_create_named_task_with_default_factory. */
    @Test
    void createNamedTask(EventLoop loop) {
        Task<Integer> t = loop.createTask(() -> 1, "taskName");
        assertEquals("taskName", t.getName());
        assertEquals(1, loop.runUntilComplete(t));
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_set_task_factory. */
    @Test
    void setTaskFactory(EventLoop loop) {
        assertNull(loop.getTaskFactory());
        List<String> made = new ArrayList<>();
        TaskFactory factory = new TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop l, Coroutine<T> coro, TaskOptions options) {
                made.add(options.name());
                return new Task<>(l, coro, options);
            }
        };
        loop.setTaskFactory(factory);
        assertSame(factory, loop.getTaskFactory());
        assertEquals(3, loop.runUntilComplete(loop.createTask(() -> 3, "x")));
        assertEquals(List.of("x"), made);
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
        loop.runUntilComplete(loop.createTask(() -> 4, "y"));
        assertEquals(List.of("x"), made);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_until_complete with an already-done future. */
    @Test
    void runUntilCompleteOfADoneFuture(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(5);
        assertEquals(5, loop.runUntilComplete(f));
        assertFalse(loop.isRunning());
    }

    /** Awaiting or sleeping outside a task fails with a message naming the fix, never blocks. */
    @Test
    void sleepOutsideATaskFailsClearly(EventLoop loop) {
        IllegalStateException outside = assertThrows(IllegalStateException.class, () -> Asyncio.sleep(1));
        assertFalse(outside.getMessage().isEmpty());
        String[] inCallback = new String[1];
        loop.callSoon(() -> inCallback[0] = assertThrows(IllegalStateException.class, () -> Asyncio.sleep(1)).getMessage());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertTrue(inCallback[0].contains("plain callback on the event loop's thread"), inCallback[0]);
        assertEquals(0.0, loop.time());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_run_until_complete_baseexception: a callback scheduling the next one keeps working after a failed run. */
    @Test
    void loopIsReusableAfterAFailedRun(EventLoop loop) {
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            throw new IllegalStateException("KeyboardInterrupt stand-in");
        }));
        boolean[] called = {false};
        loop.callSoon(() -> loop.callSoon(() -> {
            loop.stop();
            called[0] = true;
        }));
        loop.runForever();
        assertTrue(called[0]);
    }
}
