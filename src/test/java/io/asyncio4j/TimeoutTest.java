package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Asyncio#timeout} and {@link Asyncio#timeoutAt}: ports of CPython 3.13 {@code test_timeouts.py}. */
@ExtendWith(LoopExtension.class)
class TimeoutTest {

    /** Ports test_timeouts.py test_timeout_basic. */
    @Test
    void timeoutBasic(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeout(0.01, scope -> {
                cm[0] = scope;
                return sleep(10, null);
            }));
            assertTrue(cm[0].expired());
            assertEquals(0.01, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_at_basic. */
    @Test
    void timeoutAtBasic(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double deadline = getRunningLoop().time() + 0.01;
            Timeout[] cm = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeoutAt(deadline, scope -> {
                cm[0] = scope;
                return sleep(10, null);
            }));
            assertTrue(cm[0].expired());
            assertEquals(deadline, cm[0].when());
            return null;
        });
    }

    /** Ports test_timeouts.py test_nested_timeouts: only the outermost of two equal deadlines raises TimeoutError. */
    @Test
    void nestedTimeouts(EventLoop loop) {
        loop.runUntilComplete(() -> {
            boolean[] cancelled = {false};
            Timeout[] cms = new Timeout[2];
            double deadline = getRunningLoop().time() + 0.01;
            assertThrows(TimeoutError.class, () -> timeoutAt(deadline, cm1 -> {
                cms[0] = cm1;
                try {
                    return timeoutAt(deadline, cm2 -> {
                        cms[1] = cm2;
                        return sleep(10, null);
                    });
                } catch (CancelledError e) {
                    cancelled[0] = true;
                    throw e;
                }
            }));
            assertTrue(cancelled[0]);
            assertTrue(cms[0].expired());
            assertTrue(cms[1].expired());
            assertEquals(0, currentTask().cancelling());
            return null;
        });
    }

    /** Ports test_timeouts.py test_waiter_cancelled: the body sees CancelledError, the caller TimeoutError. */
    @Test
    void waiterCancelled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            boolean[] cancelled = {false};
            assertThrows(TimeoutError.class, () -> timeout(0.01, () -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    cancelled[0] = true;
                    throw e;
                }
                return null;
            }));
            assertTrue(cancelled[0]);
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_not_called: a body that ends in time returns its value. */
    @Test
    void timeoutNotCalled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            String r = timeout(10.0, scope -> {
                cm[0] = scope;
                return sleep(0.01, "ok");
            });
            assertEquals("ok", r);
            assertFalse(cm[0].expired());
            assertEquals(0.01, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_disabled and test_timeout_at_disabled: a null deadline never fires. */
    @Test
    void timeoutDisabled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[2];
            timeout(scope -> {
                cm[0] = scope;
                assertEquals("<Timeout [active] when=None>", scope.toString());
                return sleep(0.01, null);
            });
            timeoutAt(Timeout.NEVER, scope -> {
                cm[1] = scope;
                return sleep(0.01, null);
            });
            assertFalse(cm[0].expired());
            assertFalse(cm[1].expired());
            assertEquals(Timeout.NEVER, cm[0].when());
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_zero and test_timeout_zero_sleep_zero: expires at the first yield. */
    @Test
    void timeoutZeroSleepZero(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double t0 = getRunningLoop().time();
            Timeout[] cm = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeout(0.0, scope -> {
                cm[0] = scope;
                return sleep(0, null);
            }));
            double t1 = getRunningLoop().time();
            assertTrue(cm[0].expired());
            assertTrue(t0 <= cm[0].when() && cm[0].when() <= t1);
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_in_the_past_sleep_zero. */
    @Test
    void timeoutInThePastSleepZero(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double t0 = getRunningLoop().time();
            Timeout[] cm = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeout(-11.0, scope -> {
                cm[0] = scope;
                return sleep(0, null);
            }));
            assertTrue(cm[0].expired());
            assertTrue(cm[0].when() <= t0);
            return null;
        });
    }

    /** Ports test_timeouts.py test_foreign_exception_passed. */
    @Test
    void foreignExceptionPassed(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            assertThrows(IllegalArgumentException.class, () -> timeout(0.01, scope -> {
                cm[0] = scope;
                throw new IllegalArgumentException("key");
            }));
            assertFalse(cm[0].expired());
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_exception_context: the TimeoutError's cause is the CancelledError. */
    @Test
    void timeoutExceptionContext(EventLoop loop) {
        loop.runUntilComplete(() -> {
            TimeoutError e = assertThrows(TimeoutError.class, () -> timeout(0.01, () -> {
                try {
                    return 1 / zero();
                } finally {
                    sleep(1);
                }
            }));
            assertInstanceOf(CancelledError.class, e.getCause());
            return null;
        });
    }

    private static int zero() {
        return 0;
    }

    /**
     * Ports test_timeouts.py test_foreign_exception_on_timeout: an exception raised while the timeout's
     * cancellation unwinds passes through; the TimeoutError is attached to it.
     *
     * <p><b>Differences from asyncio.</b> asyncio chains the TimeoutError into the exception's
     * {@code __context__}; Java has no context chain, so it is added as a suppressed exception.
     */
    @Test
    void foreignExceptionOnTimeout(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Coroutine<Void> crash = () -> {
                try {
                    sleep(1);
                } finally {
                    int x = 1 / zero();
                }
                return null;
            };
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> timeout(0.01, crash));
            assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(s -> s instanceof TimeoutError), Arrays.toString(e.getSuppressed()));
            return null;
        });
    }

    /** Ports test_timeouts.py test_foreign_cancel_doesnt_timeout_if_not_expired. */
    @Test
    void foreignCancelDoesntTimeoutIfNotExpired(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            Task<Void> t = createTask(() -> timeout(10.0, scope -> {
                cm[0] = scope;
                currentTask().cancel();
                sleep(10);
                return null;
            }));
            assertThrows(CancelledError.class, t::await);
            assertFalse(cm[0].expired());
            assertTrue(t.cancelled());
            return null;
        });
    }

    /** Ports test_timeouts.py test_outer_task_is_not_cancelled. */
    @Test
    void outerTaskIsNotCancelled(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Void> task = createTask(() -> {
                assertThrows(TimeoutError.class, () -> timeout(0.001, () -> sleep(10, null)));
                return null;
            });
            task.await();
            assertFalse(task.cancelled());
            assertTrue(task.done());
            assertEquals(0, task.cancelling());
            return null;
        });
    }

    /**
     * Ports test_timeouts.py test_nested_timeouts_concurrent: the outer deadline passes first; the
     * inner scope lets the foreign CancelledError through (in asyncio its assertRaises(TimeoutError)
     * does not match the BaseException and re-raises it) and the outer scope turns it into TimeoutError.
     */
    @Test
    void nestedTimeoutsConcurrent(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] inner = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeout(0.002, () -> {
                try {
                    timeout(0.1, scope -> {
                        inner[0] = scope;
                        return sleep(1, null);
                    });
                } catch (CancelledError e) {
                    throw e; // what asyncio's non-matching assertRaises does
                }
                return fail("the inner scope must let the outer cancellation through");
            }));
            assertFalse(inner[0].expired());
            assertEquals(0.002, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /** Ports test_timeouts.py test_nested_timeouts_loop_busy: the outer timeout still stops the later work. */
    @Test
    void nestedTimeoutsLoopBusy(EventLoop loop) {
        loop.runUntilComplete(() -> {
            double t0 = getRunningLoop().time();
            assertThrows(TimeoutError.class, () -> timeout(0.1, () -> {
                assertThrows(TimeoutError.class, () -> timeout(0.01, () -> sleep(1, null)));
                sleep(10);
                return null;
            }));
            double t1 = getRunningLoop().time();
            assertEquals(0.1, t1 - t0, 1e-9);
            return null;
        });
    }

    /** Ports test_timeouts.py test_reschedule: the deadline moves and can be removed. */
    @Test
    void reschedule(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Future<Timeout> fut = loop.createFuture();
            double deadline1 = loop.time() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = createTask(() -> timeoutAt(deadline1, cm -> {
                fut.setResult(cm);
                sleep(50);
                return null;
            }));
            Timeout cm = fut.await();
            assertEquals(deadline1, cm.when());
            cm.reschedule(deadline2);
            assertEquals(deadline2, cm.when());
            cm.reschedule(Timeout.NEVER);
            assertEquals(Timeout.NEVER, cm.when());
            task.cancel();
            assertThrows(CancelledError.class, task::await);
            assertFalse(cm.expired());
            return null;
        });
    }

    /** A deadline moved later lets the body finish; moved earlier cuts it short. */
    @Test
    void rescheduleLaterAndEarlier(EventLoop loop) {
        loop.runUntilComplete(() -> {
            String r = timeout(1.0, scope -> {
                scope.reschedule(scope.when() + 5);
                return sleep(3, "finished");
            });
            assertEquals("finished", r);
            double t0 = loop.time();
            assertThrows(TimeoutError.class, () -> timeout(100.0, scope -> {
                scope.reschedule(loop.time() + 2);
                return sleep(50, null);
            }));
            assertEquals(2.0, loop.time() - t0, 1e-9);
            return null;
        });
    }

    /** Ports test_timeouts.py test_repr_active, test_repr_expired, test_repr_finished. */
    @Test
    void reprStates(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[2];
            timeout(10.0, scope -> {
                cm[0] = scope;
                assertTrue(scope.toString().matches("<Timeout \\[active\\] when=\\d+\\.\\d*>"), scope.toString());
                return sleep(0, null);
            });
            assertEquals("<Timeout [finished]>", cm[0].toString());
            assertThrows(TimeoutError.class, () -> timeout(0.01, scope -> {
                cm[1] = scope;
                return sleep(10, null);
            }));
            assertEquals("<Timeout [expired]>", cm[1].toString());
            return null;
        });
    }

    /** Ports test_timeouts.py test_nested_timeout_in_finally: a timeout inside a finally of an expired one. */
    @Test
    void nestedTimeoutInFinally(EventLoop loop) {
        loop.runUntilComplete(() -> {
            TimeoutError[] inner = new TimeoutError[1];
            TimeoutError e1 = assertThrows(TimeoutError.class, () -> timeout(0.01, () -> {
                try {
                    sleep(1);
                } finally {
                    inner[0] = assertThrows(TimeoutError.class, () -> timeout(0.01, () -> sleep(10, null)));
                }
                return null;
            }));
            assertInstanceOf(CancelledError.class, e1.getCause());
            assertInstanceOf(CancelledError.class, inner[0].getCause());
            assertEquals(0, currentTask().cancelling());
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_after_cancellation: a timeout still works after a swallowed cancel. */
    @Test
    void timeoutAfterCancellation(EventLoop loop) {
        loop.runUntilComplete(() -> {
            try {
                currentTask().cancel();
                sleep(1);
            } catch (CancelledError e) {
                // swallowed, without uncancel(), as in the CPython test
            } finally {
                assertThrows(TimeoutError.class, () -> timeout(0.0, () -> sleep(1, null)));
            }
            return null;
        });
    }

    /** Ports test_timeouts.py test_cancel_in_timeout_after_cancellation: a new cancel is not mistaken for the timeout. */
    @Test
    void cancelInTimeoutAfterCancellation(EventLoop loop) {
        loop.runUntilComplete(() -> {
            try {
                currentTask().cancel();
                sleep(1);
            } catch (CancelledError e) {
                // swallowed
            } finally {
                assertThrows(CancelledError.class, () -> timeout(1.0, () -> {
                    currentTask().cancel();
                    return sleep(2, null);
                }));
            }
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_finished: a finished scope cannot be rescheduled. */
    @Test
    void timeoutFinished(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            timeout(0.01, scope -> {
                cm[0] = scope;
                return null;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0.02));
            assertTrue(e.getMessage().contains("finished"), e.getMessage());
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_expired: an expired scope cannot be rescheduled. */
    @Test
    void timeoutExpired(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Timeout[] cm = new Timeout[1];
            assertThrows(TimeoutError.class, () -> timeout(0.01, scope -> {
                cm[0] = scope;
                return sleep(1, null);
            }));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0.02));
            assertTrue(e.getMessage().contains("expired"), e.getMessage());
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_expiring: while expiring, reschedule() is refused. */
    @Test
    void timeoutExpiring(EventLoop loop) {
        loop.runUntilComplete(() -> {
            timeout(0.01, scope -> {
                assertThrows(CancelledError.class, () -> sleep(1));
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.reschedule(0.02));
                assertTrue(e.getMessage().contains("expiring"), e.getMessage());
                return null;
            });
            currentTask().uncancel();
            return null;
        });
    }

    /** Ports test_timeouts.py test_timeout_without_task: outside a task the scope cannot be entered. */
    @Test
    void timeoutWithoutTask(EventLoop loop) {
        IllegalStateException fromThread = assertThrows(IllegalStateException.class, () -> timeout(0.01, () -> null));
        assertTrue(fromThread.getMessage().contains("no running event loop"), fromThread.getMessage());
        Throwable[] err = new Throwable[1];
        loop.callSoon(() -> {
            try {
                timeout(0.01, () -> null);
            } catch (Throwable e) {
                err[0] = e;
            }
        });
        loop.runUntilComplete(() -> null);
        assertInstanceOf(IllegalStateException.class, err[0]);
        assertTrue(err[0].getMessage().contains("Task"), err[0].getMessage());
    }

    /**
     * Ports test_timeouts.py test_timeout_taskgroup: a task group inside an expiring timeout; the
     * child's crash comes back in an ExceptionGroup.
     */
    @Test
    void timeoutTaskGroup(EventLoop loop) {
        loop.runUntilComplete(() -> {
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> timeout(0.01, () -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        sleep(2);
                    } finally {
                        int x = 1 / zero();
                    }
                    return null;
                });
                try {
                    throw new IllegalArgumentException("value");
                } finally {
                    sleep(1);
                }
            })));
            assertEquals(1, eg.exceptions().size(), eg.exceptions().toString());
            assertInstanceOf(ArithmeticException.class, eg.exceptions().get(0));
            assertTrue(Arrays.stream(eg.getSuppressed()).anyMatch(s -> s instanceof TimeoutError));
            assertEquals(0.01, getRunningLoop().time(), 1e-9);
            return null;
        });
    }
}
