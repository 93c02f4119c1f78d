package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_locks.py, class ConditionTests. Every case is
 * ported; test_ambiguous_loops binds the primitives to another loop by using them there instead of
 * assigning the private {@code _loop}, and drops its {@code loop=} TypeError checks (deprecated
 * keyword, N/A).
 */
class ConditionTest {

    private static boolean appendAfterWait(Condition cond, List<Integer> result, int n, boolean release) {
        cond.acquire();
        if (cond.await()) {
            result.add(n);
            if (release) {
                cond.release();
            }
        }
        return true;
    }

    /** Ports test_locks.py ConditionTests.test_wait. */
    @Test
    void testWait() {
        runVoid(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = createTask(() -> appendAfterWait(cond, result, 1, false));
            Task<Boolean> t2 = createTask(() -> appendAfterWait(cond, result, 2, false));
            Task<Boolean> t3 = createTask(() -> appendAfterWait(cond, result, 3, false));

            sleep(0);
            assertEquals(List.of(), result);
            assertFalse(cond.locked());

            assertTrue(cond.acquire());
            cond.notifyOne();
            sleep(0);
            assertEquals(List.of(), result);
            assertTrue(cond.locked());

            cond.release();
            sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.notify(2);
            sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(cond.locked());

            cond.release();
            sleep(0);
            assertEquals(List.of(1, 2), result);
            assertTrue(cond.locked());

            cond.release();
            sleep(0);
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());

            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertTrue(t.done());
                assertTrue(t.result());
            }
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_cancel: the lock is held again after a cancelled wait. */
    @Test
    void testWaitCancel() {
        runVoid(() -> {
            Condition cond = new Condition();
            cond.acquire();

            Task<Boolean> wait = createTask(cond::await);
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledError.class, wait::await);
            assertTrue(cond.waiters().isEmpty());
            assertTrue(cond.locked());
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_cancel_contested. */
    @Test
    void testWaitCancelContested() {
        runVoid(() -> {
            Condition cond = new Condition();
            EventLoop loop = getRunningLoop();
            cond.acquire();
            assertTrue(cond.locked());

            Task<Boolean> waitTask = createTask(cond::await);
            sleep(0);
            assertFalse(cond.locked());

            // Notify, but contest the lock before cancelling
            cond.acquire();
            assertTrue(cond.locked());
            cond.notifyOne();
            loop.callSoon(waitTask::cancel);
            loop.callSoon(cond::release);

            try {
                waitTask.await();
            } catch (CancelledError e) {
                // Should not happen, since no cancellation points
            }
            assertTrue(cond.locked());
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_cancel_after_notify (bpo-32841). */
    @Test
    void testWaitCancelAfterNotify() {
        runVoid(() -> {
            boolean[] waited = {false};
            Condition cond = new Condition();

            Task<Void> waiter = createTask(() -> {
                try (var held = cond.acquireScope()) {
                    waited[0] = true; // Make sure this area was reached
                    cond.await();
                }
                return null;
            });
            sleep(0); // Start waiting

            cond.acquire();
            cond.notifyOne();
            sleep(0); // Get to acquire()
            waiter.cancel();
            sleep(0); // Activate cancellation
            cond.release();
            sleep(0); // Cancellation should occur

            assertTrue(waiter.cancelled());
            assertTrue(waited[0]);
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_unacquired. */
    @Test
    void testWaitUnacquired() {
        runVoid(() -> {
            Condition cond = new Condition();
            IllegalStateException e = assertThrows(IllegalStateException.class, cond::await);
            assertEquals("cannot wait on un-acquired lock", e.getMessage());
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_for. */
    @Test
    void testWaitFor() {
        runVoid(() -> {
            Condition cond = new Condition();
            boolean[] presult = {false};
            List<Integer> result = new ArrayList<>();

            Task<Boolean> t = createTask(() -> {
                cond.acquire();
                if (cond.waitFor(() -> presult[0])) {
                    result.add(1);
                    cond.release();
                }
                return true;
            });

            sleep(0);
            assertEquals(List.of(), result);

            cond.acquire();
            cond.notifyOne();
            cond.release();
            sleep(0);
            assertEquals(List.of(), result);

            presult[0] = true;
            cond.acquire();
            cond.notifyOne();
            cond.release();
            sleep(0);
            assertEquals(List.of(1), result);

            assertTrue(t.done());
            assertTrue(t.result());
        });
    }

    /** Ports test_locks.py ConditionTests.test_wait_for_unacquired. */
    @Test
    void testWaitForUnacquired() {
        runVoid(() -> {
            Condition cond = new Condition();

            // predicate can return true immediately
            assertTrue(cond.waitFor(() -> true));

            assertThrows(IllegalStateException.class, () -> cond.waitFor(() -> false));
        });
    }

    /** Ports test_locks.py ConditionTests.test_notify. */
    @Test
    void testNotify() {
        runVoid(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = createTask(() -> appendAfterWait(cond, result, 1, true));
            Task<Boolean> t2 = createTask(() -> appendAfterWait(cond, result, 2, true));
            Task<Boolean> t3 = createTask(() -> appendAfterWait(cond, result, 3, true));

            sleep(0);
            assertEquals(List.of(), result);

            cond.acquire();
            cond.notify(1);
            cond.release();
            sleep(0);
            assertEquals(List.of(1), result);

            cond.acquire();
            cond.notify(1);
            cond.notify(2048);
            cond.release();
            sleep(0);
            assertEquals(List.of(1, 2, 3), result);

            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertTrue(t.done());
                assertTrue(t.result());
            }
        });
    }

    /** Ports test_locks.py ConditionTests.test_notify_all. */
    @Test
    void testNotifyAll() {
        runVoid(() -> {
            Condition cond = new Condition();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t1 = createTask(() -> appendAfterWait(cond, result, 1, true));
            Task<Boolean> t2 = createTask(() -> appendAfterWait(cond, result, 2, true));

            sleep(0);
            assertEquals(List.of(), result);

            cond.acquire();
            cond.notifyAllWaiters();
            cond.release();
            sleep(0);
            assertEquals(List.of(1, 2), result);

            assertTrue(t1.done());
            assertTrue(t1.result());
            assertTrue(t2.done());
            assertTrue(t2.result());
        });
    }

    /** Ports test_locks.py ConditionTests.test_notify_unacquired (no loop needed, as in CPython). */
    @Test
    void testNotifyUnacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::notifyOne);
    }

    /** Ports test_locks.py ConditionTests.test_notify_all_unacquired. */
    @Test
    void testNotifyAllUnacquired() {
        Condition cond = new Condition();
        assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
    }

    /** Ports test_locks.py ConditionTests.test_repr (pending futures stand in for the mock waiters). */
    @Test
    void testRepr() {
        runVoid(() -> {
            Condition cond = new Condition();
            assertTrue(cond.toString().contains("unlocked"));
            assertTrue(matchesRepr(cond));

            cond.acquire();
            assertTrue(cond.toString().contains("locked"));

            cond.waiters().add(getRunningLoop().createFuture());
            assertTrue(cond.toString().contains("waiters:1"));
            assertTrue(matchesRepr(cond));

            cond.waiters().add(getRunningLoop().createFuture());
            assertTrue(cond.toString().contains("waiters:2"));
            assertTrue(matchesRepr(cond));
        });
    }

    /** Ports test_locks.py ConditionTests.test_context_manager. */
    @Test
    void testContextManager() {
        runVoid(() -> {
            Condition cond = new Condition();
            assertFalse(cond.locked());
            try (var held = cond.acquireScope()) {
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
        });
    }

    /** Ports test_locks.py ConditionTests.test_explicit_lock. */
    @Test
    void testExplicitLock() {
        runVoid(() -> {
            // All should work in the same way.
            explicitLock(null, null);
            explicitLock(new Lock(), null);
            Lock lock = new Lock();
            explicitLock(lock, new Condition(lock));
        });
    }

    private static void explicitLock(Lock lock, Condition cond) {
        if (lock == null) {
            lock = new Lock();
        }
        if (cond == null) {
            cond = new Condition(lock);
        }
        assertSame(lock, cond.lock());
        assertFalse(lock.locked());
        assertFalse(cond.locked());
        try (var held = cond.acquireScope()) {
            assertTrue(lock.locked());
            assertTrue(cond.locked());
        }
        assertFalse(lock.locked());
        assertFalse(cond.locked());
        try (var held = lock.acquireScope()) {
            assertTrue(lock.locked());
            assertTrue(cond.locked());
        }
        assertFalse(lock.locked());
        assertFalse(cond.locked());
    }

    /**
     * Ports test_locks.py ConditionTests.test_ambiguous_loops: a lock or condition bound to another
     * loop is found out only when a task has to wait for it. CPython sets the private {@code _loop};
     * here the primitives are bound by making a task wait for them on the other loop.
     */
    @Test
    void testAmbiguousLoops() {
        EventLoop other = VirtualTimeLoop.create();
        try {
            Lock foreignLock = new Lock();
            Condition foreignCond = new Condition(new Lock());
            other.runUntilComplete(() -> {
                foreignLock.acquire();
                Task<Boolean> lockWaiter = createTask(foreignLock::acquire);
                Task<Boolean> condWaiter = createTask(() -> {
                    try (var held = foreignCond.acquireScope()) {
                        return foreignCond.await();
                    }
                });
                sleep(0);
                foreignLock.release();
                lockWaiter.await();
                foreignLock.release();
                try (var held = foreignCond.acquireScope()) {
                    foreignCond.notifyOne();
                }
                return condWaiter.await();
            });
            runVoid(() -> {
                // wrong_loop_in_lock: acquired at once via the fast path, without the loop.
                try (var held = foreignLock.acquireScope()) {
                    Condition cond = new Condition(foreignLock);
                    // cond.acquire() has to wait for the lock and discovers the mismatch.
                    IllegalStateException e = assertThrows(IllegalStateException.class, cond::acquire);
                    assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
                }
                assertFalse(foreignLock.locked());

                // wrong_loop_in_cond: the lock is fresh, the condition is the other loop's.
                try (var held = foreignCond.acquireScope()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, foreignCond::await);
                    assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
                    assertTrue(foreignCond.locked(), "the refused wait keeps the lock held");
                }
            });
        } finally {
            other.close();
        }
    }

    /** Ports test_locks.py ConditionTests.test_timeout_in_block. */
    @Test
    void testTimeoutInBlock() {
        runVoid(() -> {
            Condition condition = new Condition();
            try (var held = condition.acquireScope()) {
                assertThrows(TimeoutError.class, () -> waitFor(condition::await, 0.5));
                assertTrue(condition.locked());
            }
        });
    }

    /** Ports test_locks.py ConditionTests.test_cancelled_error_wakeup: the same CancelledError instance propagates. */
    @Test
    void testCancelledErrorWakeup() {
        runVoid(() -> {
            boolean[] wake = {false};
            CancelledError[] raised = {null};
            Condition cond = new Condition();

            Task<Void> task = createTask(() -> {
                try (var held = cond.acquireScope()) {
                    CancelledError err = assertThrows(CancelledError.class, () -> cond.waitFor(() -> wake[0]));
                    raised[0] = err;
                    throw err;
                }
            });
            sleep(0);
            // Task is waiting on the condition, cancel it there.
            task.cancel("foo");
            CancelledError err = assertThrows(CancelledError.class, task::await);
            assertEquals("foo", err.getMessage());
            // We should have got the _same_ exception instance as the one originally raised.
            assertSame(raised[0], err);
        });
    }

    /** Ports test_locks.py ConditionTests.test_cancelled_error_re_aquire [sic]. */
    @Test
    void testCancelledErrorReAquire() {
        runVoid(() -> {
            boolean[] wake = {false};
            CancelledError[] raised = {null};
            Condition cond = new Condition();

            Task<Void> task = createTask(() -> {
                try (var held = cond.acquireScope()) {
                    CancelledError err = assertThrows(CancelledError.class, () -> cond.waitFor(() -> wake[0]));
                    raised[0] = err;
                    throw err;
                }
            });
            sleep(0);
            // Task is waiting on the condition
            cond.acquire();
            wake[0] = true;
            cond.notifyOne();
            sleep(0);
            // Task is now trying to re-acquire the lock, cancel it there.
            task.cancel("foo");
            cond.release();
            CancelledError err = assertThrows(CancelledError.class, task::await);
            assertEquals("foo", err.getMessage());
            assertSame(raised[0], err);
        });
    }

    /**
     * Ports test_locks.py ConditionTests.test_cancelled_wakeup: a task cancelled while it is
     * being woken by notify() does not lose the wake-up.
     */
    @Test
    void testCancelledWakeup() {
        cancelledWakeup(false);
    }

    /**
     * Ports test_locks.py ConditionTests.test_cancelled_wakeup_relock: the same, with the
     * cancellation arriving while the woken task re-acquires the lock.
     */
    @Test
    void testCancelledWakeupRelock() {
        cancelledWakeup(true);
    }

    private static void cancelledWakeup(boolean relock) {
        runVoid(() -> {
            Condition condition = new Condition();
            int[] state = {0};
            io.asyncio4j.Coroutine<Void> consumer = () -> {
                try (var held = condition.acquireScope()) {
                    while (true) {
                        condition.waitFor(() -> state[0] != 0);
                        if (state[0] < 0) {
                            return null;
                        }
                        state[0]--;
                    }
                }
            };

            // create two consumers
            List<Task<Void>> c = List.of(createTask(consumer), createTask(consumer));
            // wait for them to settle
            sleep(0);
            try (var held = condition.acquireScope()) {
                // produce one item and wake up one
                state[0]++;
                condition.notify(1);

                if (relock) {
                    // let the target task wake up and settle on re-acquiring the lock
                    sleep(0);
                }
                // Cancel it while it is awaiting to be run / awaiting the lock.
                c.get(0).cancel();

                // now wait for the item to be consumed; if it isn't, our notify() was lost
                try {
                    timeout(0.01, () -> condition.waitFor(() -> state[0] == 0));
                } catch (TimeoutError e) {
                    // checked below
                }
                assertEquals(0, state[0]);

                // clean up
                state[0] = -1;
                condition.notifyAllWaiters();
            }
            c.get(1).await();
        });
    }
}
