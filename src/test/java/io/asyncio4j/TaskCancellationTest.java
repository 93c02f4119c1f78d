package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Cancellation of tasks: ports of CPython 3.13 {@code test_tasks.py} BaseTaskTests cases
 * (test_cancel*, test_cancelling, test_uncancel*, test_task_cancel_waiter_future, ...).
 */
@ExtendWith(LoopExtension.class)
class TaskCancellationTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    /** CPython's test_utils.run_briefly: runs an empty task, i.e. two loop iterations. */
    private void runOnce() {
        loop.runUntilComplete(() -> null);
    }

    /** Ports test_tasks.py test_cancel: a task cancelled before it starts never runs its body. */
    @Test
    void cancel() {
        List<String> log = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            log.add("body");
            return 12;
        });
        assertTrue(t.cancel());
        assertTrue(t.cancel(), "cancel() stays true until the task is done (3.11+)");
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertFalse(t.cancel());
        assertEquals(List.of(), log);
    }

    /** Ports test_tasks.py test_cancel_with_message_before_starting_task. */
    @Test
    void cancelWithMessageBeforeStartingTask() {
        Task<Void> t = loop.createTask(() -> {
            sleep(10);
            return null;
        });
        Task<String> awaiter = loop.createTask(() -> {
            try {
                t.await();
                return "no";
            } catch (CancelledError e) {
                return e.getMessage();
            }
        });
        t.cancel("my message");
        assertEquals("my message", loop.runUntilComplete(awaiter));
        CancelledError e = assertThrows(CancelledError.class, t::result);
        assertEquals("my message", e.getMessage());
    }

    /** Ports test_tasks.py test_cancel_with_message_then_future_result. */
    @Test
    void cancelWithMessageThenFutureResult() {
        Task<Void> t = loop.createTask(() -> {
            sleep(10);
            return null;
        });
        runOnce();
        t.cancel("my message");
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("my message", e.getMessage());
        assertEquals("my message", assertThrows(CancelledError.class, t::result).getMessage());
    }

    /** Ports test_tasks.py test_cancel_with_message_then_future_exception. */
    @Test
    void cancelWithMessageThenFutureException() {
        Task<Void> t = loop.createTask(() -> {
            sleep(10);
            return null;
        });
        runOnce();
        t.cancel("my message");
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertEquals("my message", assertThrows(CancelledError.class, t::exception).getMessage());
    }

    /** Ports test_tasks.py test_cancel_yield: a task cancelled between two yields stops at the next. */
    @Test
    void cancelYield() {
        List<String> log = new ArrayList<>();
        Task<Integer> t = loop.createTask(() -> {
            sleep(0);
            log.add("after first yield");
            sleep(0);
            log.add("not reached");
            return 12;
        });
        runOnce(); // the task runs until its first yield
        assertTrue(t.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.done());
        assertTrue(t.cancelled());
        assertFalse(t.cancel());
        assertEquals(List.of("after first yield"), log);
    }

    /** Ports test_tasks.py test_cancel_inner_future: cancelling the awaited future cancels the task. */
    @Test
    void cancelInnerFuture() {
        Future<Void> f = loop.createFuture();
        Task<Integer> t = loop.createTask(() -> {
            f.await();
            return 12;
        });
        runOnce();
        assertTrue(f.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(f.cancelled());
        assertTrue(t.cancelled());
    }

    /** Ports test_tasks.py test_cancel_both_task_and_inner_future. */
    @Test
    void cancelBothTaskAndInnerFuture() {
        Future<Void> f = loop.createFuture();
        Task<Integer> t = loop.createTask(() -> {
            f.await();
            return 12;
        });
        runOnce();
        f.cancel();
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.done());
        assertTrue(f.cancelled());
        assertTrue(t.cancelled());
    }

    /** Ports test_tasks.py test_cancel_task_catching: a task may catch CancelledError and go on. */
    @Test
    void cancelTaskCatching() {
        Future<Integer> fut1 = loop.createFuture();
        Future<Integer> fut2 = loop.createFuture();
        Task<Integer> t = loop.createTask(() -> {
            fut1.await();
            try {
                return fut2.await();
            } catch (CancelledError e) {
                return 42;
            }
        });
        runOnce();
        assertSame(fut1, t.waitingOn());
        fut1.setResult(null);
        runOnce();
        assertSame(fut2, t.waitingOn());
        t.cancel();
        assertTrue(fut2.cancelled());
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(t.cancelled());
    }

    /** Ports test_tasks.py test_cancel_task_ignoring: after catching the cancel, the task awaits more. */
    @Test
    void cancelTaskIgnoring() {
        Future<Integer> fut1 = loop.createFuture();
        Future<Integer> fut2 = loop.createFuture();
        Future<Integer> fut3 = loop.createFuture();
        Task<Integer> t = loop.createTask(() -> {
            fut1.await();
            try {
                fut2.await();
            } catch (CancelledError e) {
                // ignored on purpose
            }
            return fut3.await();
        });
        runOnce();
        fut1.setResult(null);
        runOnce();
        t.cancel();
        assertTrue(fut2.cancelled());
        runOnce();
        assertSame(fut3, t.waitingOn());
        fut3.setResult(42);
        assertEquals(42, loop.runUntilComplete(t));
        assertFalse(fut3.cancelled());
        assertFalse(t.cancelled());
    }

    /** Ports test_tasks.py test_cancel_current_task: a task cancelling itself stops at its next await. */
    @Test
    void cancelCurrentTask() {
        List<String> log = new ArrayList<>();
        @SuppressWarnings("unchecked") Task<Integer>[] box = new Task[1];
        box[0] = loop.createTask(() -> {
            assertTrue(box[0].cancel());
            assertFalse(box[0].cancelled());
            log.add("before sleep");
            sleep(100);
            log.add("not reached");
            return 12;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(box[0]));
        assertTrue(box[0].cancelled());
        assertFalse(box[0].cancel());
        assertEquals(List.of("before sleep"), log);
        assertEquals(0.0, loop.time(), 1e-9, "the sleep was cancelled at once");
    }

    /** Ports test_tasks.py test_cancel_at_end: cancel() right before the body returns wins. */
    @Test
    void cancelAtEnd() {
        @SuppressWarnings("unchecked") Task<Integer>[] box = new Task[1];
        box[0] = loop.createTask(() -> {
            assertTrue(box[0].cancel());
            return 12;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(box[0]));
        assertTrue(box[0].cancelled());
        assertFalse(box[0].cancel());
    }

    /** Ports test_tasks.py test_cancel_awaited_task (bpo-34872): the next awaited task is cancelled too. */
    @Test
    void cancelAwaitedTask() {
        Future<Void> fut = loop.createFuture();
        @SuppressWarnings("unchecked") Task<Void>[] nested = new Task[1];
        @SuppressWarnings("unchecked") Task<Void>[] box = new Task[1];
        box[0] = loop.createTask(() -> {
            nested[0] = createTask(() -> fut.await());
            sleep(0);
            box[0].cancel();
            nested[0].await();
            return null;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(box[0]));
        assertTrue(box[0].cancelled());
        assertTrue(nested[0].cancelled());
        assertTrue(fut.cancelled());
    }

    /** Ports test_tasks.py test_cancelling: each cancel() adds a request, shown by the repr too. */
    @Test
    void cancelling() {
        Task<Void> t = loop.createTask(() -> {
            sleep(10);
            return null;
        });
        assertEquals(0, t.cancelling());
        assertFalse(t.toString().contains(" cancelling "), t.toString());
        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertTrue(t.toString().contains(" cancelling "), t.toString());
        assertTrue(t.cancel());
        assertEquals(2, t.cancelling());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.toString().contains("cancelled"), t.toString());
    }

    /** Ports test_tasks.py test_uncancel_basic. */
    @Test
    void uncancelBasic() {
        Task<Void> t = loop.createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                currentTask().uncancel();
                sleep(10);
            }
            return null;
        });
        loop.runUntilComplete(() -> {
            sleep(0.01);
            return null;
        });
        assertTrue(t.cancel());
        assertTrue(t.toString().contains(" cancelling "));
        assertEquals(1, t.cancelling());
        assertFalse(t.cancelled());
        loop.runUntilComplete(() -> {
            sleep(0.01);
            return null;
        });
        assertFalse(t.toString().contains(" cancelling "));
        assertEquals(0, t.cancelling());
        assertFalse(t.cancelled());

        assertTrue(t.cancel());
        assertEquals(1, t.cancelling());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        t.uncancel();
        assertTrue(t.cancelled(), "uncancel() does nothing once the task is done");
    }

    /**
     * Ports test_tasks.py test_uncancel_structured_blocks: a hand-made timeout built on cancel(),
     * uncancel() and a finally block turns its own cancellation into a TimeoutError.
     */
    @Test
    void uncancelStructuredBlocks() {
        record Outcome(boolean timedOut, boolean blockFinished, boolean outerReached, int cancelling) {
        }
        Task<Outcome> t1 = loop.createTask(() -> {
            boolean[] r = makeRequestWithTimeout(10.0, 0.1);
            return new Outcome(r[0], r[1], r[2], currentTask().cancelling());
        });
        Outcome o1 = loop.runUntilComplete(t1);
        assertEquals(new Outcome(true, false, true, 0), o1);
        assertEquals(0, t1.cancelling());

        Task<Outcome> t2 = loop.createTask(() -> {
            boolean[] r = makeRequestWithTimeout(0, 10.0);
            return new Outcome(r[0], r[1], r[2], currentTask().cancelling());
        });
        assertEquals(new Outcome(false, true, true, 0), loop.runUntilComplete(t2));
    }

    private static boolean[] makeRequestWithTimeout(double sleepFor, double timeout) {
        Task<?> task = currentTask();
        boolean[] out = new boolean[3]; // timedOut, structuredBlockFinished, outerCodeReached
        TimerHandle handle = task.getLoop().callLater(timeout, () -> {
            out[0] = true;
            task.cancel();
        });
        try {
            boolean cancelled = false;
            try {
                sleep(sleepFor);
                out[1] = true;
            } catch (CancelledError e) {
                cancelled = true;
                throw e;
            } finally {
                handle.cancel();
                if (out[0] && task.uncancel() == 0 && cancelled) {
                    throw new TimeoutError("structured block timed out");
                }
            }
        } catch (TimeoutError e) {
            assertTrue(out[0]);
        }
        out[2] = true;
        sleep(0);
        return out;
    }

    /** Ports test_tasks.py test_uncancel_resets_must_cancel: uncancel() drops an undelivered cancel. */
    @Test
    void uncancelResetsMustCancel() {
        Future<Void> fut = loop.createFuture();
        Task<Integer> task = loop.createTask(() -> {
            fut.await();
            return 42;
        });
        runOnce();
        fut.setResult(null); // the task is now runnable but has not run
        task.cancel();
        assertEquals(1, task.cancelling());
        task.uncancel();
        assertEquals(0, task.cancelling());
        assertEquals(42, loop.runUntilComplete(task));
    }

    /** Ports test_tasks.py test_task_cancel_waiter_future: cancel() cancels the future being awaited. */
    @Test
    void taskCancelWaiterFuture() {
        Future<Void> fut = loop.createFuture();
        Task<Void> task = loop.createTask(() -> fut.await());
        runOnce();
        assertSame(fut, task.waitingOn());
        task.cancel();
        assertTrue(fut.cancelled());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertNull(task.waitingOn());
        assertTrue(task.cancelled());
    }

    /** Ports test_tasks.py test_task_cancel_sleeping_task: the sleeper is cancelled at its sleep. */
    @Test
    void taskCancelSleepingTask() {
        List<String> log = new ArrayList<>();
        Task<Integer> doit = loop.createTask(() -> {
            Task<Integer> sleeper = createTask(() -> {
                sleep(5000);
                return 1;
            });
            getRunningLoop().callLater(0.1, sleeper::cancel);
            try {
                sleeper.await();
            } catch (CancelledError e) {
                log.add("cancelled");
                return 42;
            }
            return 0;
        });
        assertEquals(42, loop.runUntilComplete(doit));
        assertEquals(List.of("cancelled"), log);
        assertEquals(0.1, loop.time(), 1e-6);
    }

    /** Ports test_tasks.py test_sleep_cancel: cancelling a sleeping task cancels its timer. */
    @Test
    void sleepCancel() {
        Task<String> t = loop.createTask(() -> sleep(10, "yeah"));
        runOnce();
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertEquals(0.0, loop.time(), 1e-9, "the loop did not wait for the cancelled timer");
    }

    /** Ports test_tasks.py test_yield_future_passes_cancel: the cancel reaches the inner await, which catches it. */
    @Test
    void yieldFuturePassesCancel() {
        Future<Void> waiter = loop.createFuture();
        boolean[] proof = {false};
        Task<Void> outer = loop.createTask(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    waiter.await();
                } catch (CancelledError e) {
                    proof[0] = true;
                }
                return null;
            });
            inner.await();
            return null;
        });
        runOnce();
        runOnce();
        outer.cancel();
        loop.runUntilComplete(outer);
        assertTrue(proof[0]);
        assertTrue(waiter.cancelled());
        assertFalse(outer.cancelled(), "the inner task swallowed the cancel, so the outer one finished normally");
    }

    /** Ports test_tasks.py test_yield_wait_does_not_shield_cancel: wait() still lets the caller be cancelled. */
    @Test
    void yieldWaitDoesNotShieldCancel() {
        Future<Void> waiter = loop.createFuture();
        boolean[] proof = {false};
        Task<Void> outer = loop.createTask(() -> {
            Task<Void> inner = createTask(() -> {
                waiter.await();
                return null;
            });
            try {
                Asyncio.wait(List.of(inner));
            } finally {
                proof[0] = true;
            }
            return null;
        });
        runOnce();
        outer.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(outer));
        assertTrue(proof[0]);
        assertFalse(waiter.cancelled(), "wait() does not cancel the futures it waits for");
        waiter.setResult(null);
        runOnce();
    }

    /** Ports test_tasks.py test_task_awaits_on_itself: awaiting oneself is refused. */
    @Test
    void taskAwaitsOnItself() {
        @SuppressWarnings("unchecked") Task<Void>[] box = new Task[1];
        box[0] = loop.createTask(() -> box[0].await());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(box[0]));
        assertTrue(e.getMessage().contains("cannot await on itself"), e.getMessage());
    }

    /** Ports test_tasks.py test_other_loop_future: a task cannot await a future of another loop. */
    @Test
    void otherLoopFuture() {
        EventLoop other = VirtualTimeLoop.create();
        try {
            Future<Void> fut = other.createFuture();
            Task<Void> t = loop.createTask(() -> fut.await());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
            assertTrue(e.getMessage().contains("different loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    /** Await outside a task fails with an IllegalStateException that says what to do. */
    @Test
    void awaitOutsideTaskExplainsTheFix() {
        Future<Integer> f = loop.createFuture();
        IllegalStateException fromThread = assertThrows(IllegalStateException.class, f::await);
        assertTrue(fromThread.getMessage().contains("only code running inside a Task"), fromThread.getMessage());
        assertTrue(fromThread.getMessage().contains("runCoroutineThreadsafe"), fromThread.getMessage());

        Throwable[] fromCallback = new Throwable[1];
        loop.callSoon(() -> {
            try {
                sleep(1);
            } catch (Throwable e) {
                fromCallback[0] = e;
            }
        });
        runOnce();
        assertInstanceOf(IllegalStateException.class, fromCallback[0]);
        assertTrue(fromCallback[0].getMessage().contains("plain callback"), fromCallback[0].getMessage());
        assertTrue(fromCallback[0].getMessage().contains("addDoneCallback"), fromCallback[0].getMessage());
    }

    /** CancelledError.rethrowIfCancelled lets a broad catch rethrow cancellation and handle the rest. */
    @Test
    void rethrowIfCancelledInBroadCatch() {
        List<String> log = new ArrayList<>();
        Task<Void> t = loop.createTask(() -> {
            try {
                sleep(10);
            } catch (Exception e) {
                log.add("caught " + e.getClass().getSimpleName());
                CancelledError.rethrowIfCancelled(e);
                log.add("not reached");
            }
            return null;
        });
        runOnce();
        t.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
        assertEquals(List.of("caught CancelledError"), log);
        assertDoesNotThrow(() -> CancelledError.rethrowIfCancelled(new RuntimeException("x")));
    }

    /**
     * Cancellation travels down a chain of awaits and back up, interleaved with callbacks exactly as
     * in real asyncio 3.13 (the trace below is what python3.13 prints for the same program).
     */
    @Test
    void cancellationChainTraceMatchesAsyncio() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            double t0 = l.time();
            Task<Void> ti = createTask(() -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    log.add("inner cancelled " + e.getMessage());
                    sleep(0);
                    log.add("inner cleanup done");
                    throw e;
                }
                return null;
            });
            Task<Void> to = createTask(() -> {
                try {
                    return ti.await();
                } catch (CancelledError e) {
                    log.add("outer cancelled " + e.getMessage() + " cancelling=" + currentTask().cancelling());
                    throw e;
                }
            });
            ti.addDoneCallback(f -> log.add("ti done cb cancelled=" + f.cancelled()));
            to.addDoneCallback(f -> log.add("to done cb cancelled=" + f.cancelled()));
            sleep(1);
            log.add("cancel outer");
            to.cancel("stop");
            l.callSoon(() -> log.add("cb after cancel"));
            log.add("ti.cancelling=" + ti.cancelling() + " to.cancelling=" + to.cancelling());
            try {
                to.await();
            } catch (CancelledError e) {
                log.add("main saw " + e.getMessage());
            }
            log.add("end time=" + (l.time() - t0));
            return null;
        });
        assertEquals(List.of("cancel outer", "ti.cancelling=1 to.cancelling=1", "inner cancelled stop", "cb after cancel",
                "inner cleanup done", "ti done cb cancelled=true", "outer cancelled stop cancelling=1",
                "to done cb cancelled=true", "main saw stop", "end time=1.0"), log);
    }
}
