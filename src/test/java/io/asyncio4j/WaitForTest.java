package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Asyncio#waitFor}: ports of CPython 3.13 {@code test_waitfor.py}. */
@ExtendWith(LoopExtension.class)
class WaitForTest {
    private static final double EPSILON = 0.0001;

    /** test_waitfor.py SlowTask: runs for 0.2 s of loop time, ignoring cancel requests. */
    private static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;

        Void run() {
            double exitAt = getRunningLoop().time() + TASK_TIMEOUT;
            while (true) {
                double toSleep = exitAt - getRunningLoop().time();
                if (toSleep <= 0) {
                    break;
                }
                try {
                    sleep(toSleep);
                } catch (CancelledError e) {
                    // ignored on purpose, as SlowTask does
                }
            }
            exited = true;
            return null;
        }
    }

    /** Ports test_waitfor.py test_asyncio_wait_for_cancelled: cancelling wait_for waits for the inner work. */
    @Test
    void asyncioWaitForCancelled(EventLoop loop) {
        SlowTask t = new SlowTask();
        loop.runUntilComplete(() -> {
            Task<Void> waitForTask = createTask(() -> waitFor(t::run, SlowTask.TASK_TIMEOUT * 2));
            sleep(0);
            waitForTask.cancel();
            Asyncio.wait(Set.of(waitForTask));
            assertTrue(t.exited);
            return null;
        });
    }

    /** Ports test_waitfor.py test_asyncio_wait_for_timeout: the work that ignores cancel finishes first. */
    @Test
    void asyncioWaitForTimeout(EventLoop loop) {
        SlowTask t = new SlowTask();
        loop.runUntilComplete(() -> {
            try {
                waitFor(t::run, SlowTask.TASK_TIMEOUT / 2);
            } catch (TimeoutError e) {
                // expected in asyncio too, depending on timing
            }
            assertTrue(t.exited);
            return null;
        });
    }

    /** Ports test_waitfor.py test_wait_for_timeout_less_then_0_or_0_future_done. */
    @Test
    void waitForTimeoutZeroFutureDone(EventLoop loop) {
        String r = loop.runUntilComplete(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            fut.setResult("done");
            String ret = waitFor(fut, 0.0);
            assertTrue(fut.done());
            return ret;
        });
        assertEquals("done", r);
    }

    /** Ports test_waitfor.py test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started. */
    @Test
    void waitForTimeoutZeroCoroutineNotStarted(EventLoop loop) {
        boolean[] started = {false};
        loop.runUntilComplete(() -> {
            assertThrows(TimeoutError.class, () -> waitFor(() -> {
                started[0] = true;
                return null;
            }, 0.0));
            return null;
        });
        assertFalse(started[0]);
    }

    /** Ports test_waitfor.py test_wait_for_timeout_less_then_0_or_0: a running task is cancelled and awaited. */
    @Test
    void waitForTimeoutZeroOrNegative(EventLoop loop) {
        for (double timeout : new double[] {0, -1}) {
            loop.runUntilComplete(() -> {
                Boolean[] running = {null};
                Future<Void> started = getRunningLoop().createFuture();
                Task<String> fut = createTask(() -> {
                    running[0] = true;
                    started.setResult(null);
                    try {
                        sleep(10);
                    } finally {
                        running[0] = false;
                    }
                    return "done";
                });
                started.await();
                TimeoutError e = assertThrows(TimeoutError.class, () -> waitFor(fut, timeout));
                assertInstanceOf(CancelledError.class, e.getCause());
                assertTrue(fut.done());
                assertTrue(fut.cancelled());
                assertEquals(Boolean.FALSE, running[0]);
                return null;
            });
        }
    }

    /** Ports test_waitfor.py test_wait_for: on timeout the task is cancelled and has finished. */
    @Test
    void waitForTimesOut(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Boolean[] running = {null};
            Task<String> fut = createTask(() -> {
                running[0] = true;
                try {
                    sleep(300);
                } finally {
                    running[0] = false;
                }
                return "done";
            });
            double t0 = getRunningLoop().time();
            assertThrows(TimeoutError.class, () -> waitFor(fut, 0.1));
            assertEquals(0.1, getRunningLoop().time() - t0, 1e-9);
            assertTrue(fut.done());
            assertTrue(fut.cancelled());
            assertEquals(Boolean.FALSE, running[0]);
            return null;
        });
    }

    /** Ports test_waitfor.py test_wait_for_blocking: no timeout, the coroutine's result. */
    @Test
    void waitForBlocking(EventLoop loop) {
        assertEquals("done", loop.runUntilComplete(() -> waitFor(() -> "done", Timeout.NEVER)));
    }

    /** Ports test_waitfor.py test_wait_for_race_condition: a result set soon after is returned. */
    @Test
    void waitForRaceCondition(EventLoop loop) {
        String r = loop.runUntilComplete(() -> {
            Future<String> fut = getRunningLoop().createFuture();
            getRunningLoop().callSoon(() -> fut.setResult("ok"));
            return waitFor(fut, 0.2);
        });
        assertEquals("ok", r);
    }

    /** Ports test_waitfor.py test_wait_for_cancellation_race_condition: the inner code swallows the timeout's cancel. */
    @Test
    void waitForCancellationRaceCondition(EventLoop loop) {
        int r = loop.runUntilComplete(() -> waitFor(() -> {
            assertThrows(CancelledError.class, () -> sleep(1));
            return 1;
        }, 0.01));
        assertEquals(1, r);
    }

    /** Ports test_waitfor.py test_wait_for_waits_for_task_cancellation: wait_for waits until the task has unwound. */
    @Test
    void waitForWaitsForTaskCancellation(EventLoop loop) {
        boolean[] taskDone = {false};
        loop.runUntilComplete(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    sleep(EPSILON);
                    throw e;
                } finally {
                    taskDone[0] = true;
                }
                return null;
            });
            TimeoutError e = assertThrows(TimeoutError.class, () -> waitFor(inner, EPSILON));
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        });
    }

    /** Ports test_waitfor.py test_wait_for_waits_for_task_cancellation_w_timeout_0. */
    @Test
    void waitForWaitsForTaskCancellationTimeoutZero(EventLoop loop) {
        boolean[] taskDone = {false};
        loop.runUntilComplete(() -> {
            TimeoutError e = assertThrows(TimeoutError.class, () -> {
                Task<Void> inner = createTask(() -> {
                    try {
                        sleep(10);
                    } catch (CancelledError c) {
                        sleep(EPSILON);
                        throw c;
                    } finally {
                        taskDone[0] = true;
                    }
                    return null;
                });
                sleep(EPSILON);
                waitFor(inner, 0.0);
            });
            assertTrue(taskDone[0]);
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        });
    }

    /** Ports test_waitfor.py test_wait_for_reraises_exception_during_cancellation. */
    @Test
    void waitForReraisesExceptionDuringCancellation(EventLoop loop) {
        class FooException extends RuntimeException {
        }
        loop.runUntilComplete(() -> {
            Task<Void> inner = createTask(() -> {
                try {
                    sleep(0.2);
                } finally {
                    throw new FooException();
                }
            });
            assertThrows(FooException.class, () -> waitFor(inner, EPSILON));
            return null;
        });
    }

    /** Ports test_waitfor.py test_cancel_blocking_wait_for and test_cancel_wait_for (bpo-23219). */
    @Test
    void cancelWaitForCancelsTheTask(EventLoop loop) {
        for (double timeout : new double[] {Timeout.NEVER, 60.0}) {
            loop.runUntilComplete(() -> {
                Task<Void> task = createTask(() -> loop.<Void>createFuture().await());
                Task<Void> waiting = createTask(() -> waitFor(task, timeout));
                loop.callSoon(waiting::cancel);
                assertThrows(CancelledError.class, waiting::await);
                assertTrue(task.cancelled(), "cancelling the wait must also cancel the task");
                return null;
            });
        }
    }

    /** Ports test_waitfor.py test_wait_for_cancel_suppressed (GH-86296): a swallowed cancel returns the value. */
    @Test
    void waitForCancelSuppressed(EventLoop loop) {
        int r = loop.runUntilComplete(() -> waitFor(createTask(() -> {
            try {
                sleep(10);
            } catch (CancelledError e) {
                return 42;
            }
            return 0;
        }), 0.1));
        assertEquals(42, r);
    }

    /** Ports test_waitfor.py test_wait_for_issue86296: the waiting task is cancelled, not run to completion. */
    @Test
    void waitForIssue86296(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> inner = createTask(() -> "done");
            boolean[] reachedEnd = {false};
            Task<Void> task = createTask(() -> {
                waitFor(inner, 100.0);
                sleep(1);
                reachedEnd[0] = true;
                return null;
            });
            assertFalse(task.done());
            sleep(0);
            task.cancel();
            assertThrows(CancelledError.class, task::await);
            assertTrue(inner.done());
            assertEquals("done", inner.await());
            assertFalse(reachedEnd[0]);
            return null;
        });
    }

    /** Ports test_waitfor.py WaitForShieldTests.test_zero_timeout: the shield is cancelled, the task runs on. */
    @Test
    void shieldZeroTimeout(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> task = createTask(() -> sleep(0.01, "done"));
            Future<String> shielded = shield(task);
            assertThrows(TimeoutError.class, () -> waitFor(shielded, 0.0));
            assertFalse(task.done());
            assertFalse(task.cancelled());
            assertTrue(shielded.cancelled());
            sleep(0.1);
            assertTrue(task.done());
            return null;
        });
    }

    /** Ports test_waitfor.py WaitForShieldTests.test_none_timeout. */
    @Test
    void shieldNoneTimeout(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> task = createTask(() -> sleep(0.1, "done"));
            waitFor(shield(task), Timeout.NEVER);
            assertTrue(task.done());
            assertEquals("done", task.await());
            return null;
        });
    }

    /** Ports test_waitfor.py WaitForShieldTests.test_shielded_timeout: the shielded task is not cancelled. */
    @Test
    void shieldedTimeout(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> task = createTask(() -> sleep(0.1, "done"));
            assertThrows(TimeoutError.class, () -> waitFor(shield(task), 0.01));
            assertFalse(task.done());
            assertFalse(task.cancelled());
            assertEquals("done", task.await());
            return null;
        });
    }

    /** A foreign cancel of the task running wait_for propagates as CancelledError, not TimeoutError. */
    @Test
    void foreignCancelIsNotTimeout(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Object> t = createTask(() -> waitFor(() -> sleep(10, "x"), 5.0));
            sleep(1);
            t.cancel("outside");
            CancelledError e = assertThrows(CancelledError.class, t::await);
            assertEquals("outside", e.getMessage());
            assertTrue(t.cancelled());
            return null;
        });
    }

    /** An exception of the awaited future passes through wait_for unchanged. */
    @Test
    void waitForPropagatesException(EventLoop loop) {
        loop.runUntilComplete(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> waitFor(() -> {
                sleep(0.1);
                throw new IllegalStateException("inner");
            }, 1.0));
            assertEquals("inner", e.getMessage());
            assertEquals(List.of(), List.copyOf(Asyncio.allTasks()).subList(1, Asyncio.allTasks().size()));
            return null;
        });
    }
}
