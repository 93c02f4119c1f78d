package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * loop.close(): ports test_base_events.py BaseEventLoopTests.test_close and
 * test_run_until_complete_loop_orphan_future_close_loop.
 *
 * <p><b>Documented difference from asyncio</b> (EventLoop#close): asyncio's close() leaves pending
 * tasks alone (they are garbage-collected with a "Task was destroyed but it is pending!" warning).
 * asyncio4j cancels them and runs their strands to the end, so every finally block runs and no
 * strand (virtual thread) outlives the loop; these tests assert that behaviour.
 */
@ExtendWith(LoopExtension.class)
class CloseTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);

    private static void assertStrandsEnded(List<Thread> strands) throws InterruptedException {
        for (Thread t : strands) {
            t.join(SAFETY.toMillis());
            assertFalse(t.isAlive(), "a strand outlived the loop: " + t);
        }
    }

    /** close() with pending tasks: each is cancelled, its finally blocks run, its strand ends. */
    @Test
    void closeUnwindsPendingTasks(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        List<Thread> strands = new ArrayList<>();
        List<Task<?>> tasks = new ArrayList<>();
        Future<Object> never = loop.createFuture();
        tasks.add(loop.createTask(() -> {
            strands.add(Thread.currentThread());
            try {
                Asyncio.sleep(3600);
            } finally {
                log.add("sleeper finally");
            }
            return null;
        }));
        tasks.add(loop.createTask(() -> {
            strands.add(Thread.currentThread());
            try {
                try {
                    never.await();
                } finally {
                    log.add("inner finally");
                }
            } catch (CancelledError e) {
                log.add("waiter cancelled: " + e.getMessage());
                throw e;
            } finally {
                log.add("outer finally");
            }
            return null;
        }));
        loop.runUntilComplete(() -> {
            Asyncio.sleep(1);
            return null;
        });
        assertEquals(List.of(), log);
        loop.close();
        assertEquals(List.of("sleeper finally", "inner finally", "waiter cancelled: event loop is closing",
                "outer finally"), log);
        for (Task<?> t : tasks) {
            assertTrue(t.cancelled(), t.toString());
        }
        assertEquals(2, strands.size());
        assertStrandsEnded(strands);
    }

    /** An await inside a finally block during close() throws CancelledError at once instead of hanging. */
    @Test
    void awaitDuringUnwindingIsCancelledAtOnce(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        List<Thread> strands = new ArrayList<>();
        loop.createTask(() -> {
            strands.add(Thread.currentThread());
            try {
                Asyncio.sleep(3600);
            } finally {
                try {
                    Asyncio.sleep(1);
                    log.add("cleanup slept");
                } catch (CancelledError e) {
                    log.add("cleanup await cancelled");
                }
            }
            return null;
        });
        loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return null;
        });
        assertTimeoutPreemptively(SAFETY, loop::close);
        assertEquals(List.of("cleanup await cancelled"), log);
        assertStrandsEnded(strands);
    }

    /** A task created but never started is cancelled at close without running its body. */
    @Test
    void neverStartedTaskIsCancelledAtClose(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> t = loop.createTask(() -> {
            log.add("body ran");
            return null;
        });
        loop.close();
        assertTrue(t.cancelled());
        assertEquals(List.of(), log);
    }

    /** Many suspended tasks: none is left behind after close. */
    @Test
    void manyPendingTasksAllEnd(EventLoop loop) throws Exception {
        int n = 200;
        List<Thread> strands = new ArrayList<>();
        int[] finallies = {0};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int delay = i;
            tasks.add(loop.createTask(() -> {
                strands.add(Thread.currentThread());
                try {
                    Asyncio.sleep(1000 + delay);
                } finally {
                    finallies[0]++;
                }
                return null;
            }));
        }
        loop.runUntilComplete(() -> {
            Asyncio.sleep(1);
            return null;
        });
        loop.close();
        assertEquals(n, finallies[0]);
        assertTrue(tasks.stream().allMatch(Task::cancelled));
        assertEquals(n, strands.size());
        assertStrandsEnded(strands);
        assertEquals(java.util.Set.of(), Asyncio.allTasks(loop));
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_close: pending callbacks and timers are dropped. */
    @Test
    void closeDropsCallbacksAndTimers(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.callSoon(() -> log.add("soon"));
        loop.callLater(1, () -> log.add("later"));
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals(List.of(), log);
    }

    /** Ports test_base_events.py test_run_until_complete_loop_orphan_future_close_loop: a task left pending by a failed run is unwound at close. */
    @Test
    void taskOrphanedByAFailedRunIsUnwoundAtClose(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Task<Void> orphan = loop.createTask(() -> {
            try {
                Asyncio.sleep(3600);
            } finally {
                log.add("orphan finally");
            }
            return null;
        });
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            Asyncio.sleep(0.1);
            throw new IllegalStateException("show stopper");
        }));
        assertFalse(orphan.done());
        loop.close();
        assertTrue(orphan.cancelled());
        assertEquals(List.of("orphan finally"), log);
    }

    /** After close() no loop method that schedules work accepts it; createTask fails clearly. */
    @Test
    void createTaskAfterCloseFails(EventLoop loop) {
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1));
        assertEquals("Event loop is closed", e.getMessage());
    }
}
