package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_locks.py, class LockTests.
 *
 * <p>Not ported (Python-only machinery): test_lock_doesnt_accept_loop_parameter (the deprecated
 * {@code loop=} keyword); test_lock_by_with_statement ({@code with await lock} is a TypeError of
 * Python's await protocol; Java has no such syntax). test_lock keeps its non-Python half.
 */
class LockTest {

    /** Ports test_locks.py LockTests.test_repr. */
    @Test
    void testRepr() {
        runVoid(() -> {
            Lock lock = new Lock();
            assertTrue(lock.toString().endsWith("[unlocked]>"), lock.toString());
            assertTrue(matchesRepr(lock));

            lock.acquire();
            assertTrue(lock.toString().endsWith("[locked]>"), lock.toString());
            assertTrue(matchesRepr(lock));
        });
    }

    /**
     * Ports test_locks.py LockTests.test_lock: a new lock is unlocked (awaiting the lock object
     * itself is a Python TypeError with no Java equivalent).
     */
    @Test
    void testLock() {
        runVoid(() -> assertFalse(new Lock().locked()));
    }

    /** Ports test_locks.py LockTests.test_acquire. */
    @Test
    void testAcquire() {
        runVoid(() -> {
            Lock lock = new Lock();
            List<Integer> result = new ArrayList<>();
            assertTrue(lock.acquire());

            Task<Boolean> t1 = createTask(() -> appendAfterAcquire(lock, result, 1));
            Task<Boolean> t2 = createTask(() -> appendAfterAcquire(lock, result, 2));

            sleep(0);
            assertEquals(List.of(), result);

            lock.release();
            sleep(0);
            assertEquals(List.of(1), result);

            sleep(0);
            assertEquals(List.of(1), result);

            Task<Boolean> t3 = createTask(() -> appendAfterAcquire(lock, result, 3));

            lock.release();
            sleep(0);
            assertEquals(List.of(1, 2), result);

            lock.release();
            sleep(0);
            assertEquals(List.of(1, 2, 3), result);

            for (Task<Boolean> t : List.of(t1, t2, t3)) {
                assertTrue(t.done());
                assertTrue(t.result());
            }
        });
    }

    private static boolean appendAfterAcquire(Lock lock, List<Integer> result, int n) {
        if (lock.acquire()) {
            result.add(n);
        }
        return true;
    }

    /** Ports test_locks.py LockTests.test_acquire_cancel. */
    @Test
    void testAcquireCancel() {
        runVoid(() -> {
            Lock lock = new Lock();
            assertTrue(lock.acquire());

            Task<Boolean> task = createTask(lock::acquire);
            getRunningLoop().callSoon(task::cancel);
            assertThrows(CancelledError.class, task::await);
            assertEquals(0, lock.waiterCount());
        });
    }

    /** Ports test_locks.py LockTests.test_cancel_race: a cancelled head waiter is skipped by release(). */
    @Test
    void testCancelRace() {
        runVoid(() -> {
            Lock lock = new Lock();
            EventLoop loop = getRunningLoop();
            Future<Void> fa = loop.createFuture();
            Task<Void> ta = createTask(() -> lockit(lock, fa));
            sleep(0);
            assertTrue(lock.locked());
            Task<Void> tb = createTask(() -> lockit(lock, null));
            sleep(0);
            assertEquals(1, lock.waiterCount());
            Task<Void> tc = createTask(() -> lockit(lock, null));
            sleep(0);
            assertEquals(2, lock.waiterCount());

            // Create the race and check.
            fa.setResult(null);
            tb.cancel();
            assertTrue(lock.waiters().peekFirst().cancelled());
            sleep(0);
            assertFalse(lock.locked());
            assertTrue(ta.done());
            assertTrue(tb.cancelled());
            tc.await();
        });
    }

    private static Void lockit(Lock lock, Future<?> blocker) {
        lock.acquire();
        try {
            if (blocker != null) {
                blocker.await();
            }
        } finally {
            lock.release();
        }
        return null;
    }

    /** Ports test_locks.py LockTests.test_cancel_release_race (bpo-32734): only one waiter takes the lock. */
    @Test
    void testCancelReleaseRace() {
        runVoid(() -> {
            EventLoop loop = getRunningLoop();
            Lock lock = new Lock();
            int[] lockCount = {0};
            int[] callCount = {0};
            io.asyncio4j.Coroutine<Void> lockit = () -> {
                callCount[0]++;
                lock.acquire();
                lockCount[0]++;
                return null;
            };

            lock.acquire();
            Task<Void> t1 = createTask(lockit);
            Task<Void> t2 = createTask(lockit);
            Task<Void> t3 = createTask(lockit);

            // Start scheduled tasks
            sleep(0);

            loop.callSoon(() -> {
                t1.cancel();
                lock.release();
            });
            assertThrows(CancelledError.class, t1::await);

            // Make sure only one lock was taken
            assertEquals(1, lockCount[0]);
            // While 3 calls were made to lockit()
            assertEquals(3, callCount[0]);
            assertTrue(t1.cancelled() && t2.done());

            // Cleanup the task that is stuck on acquire.
            t3.cancel();
            sleep(0);
            assertTrue(t3.cancelled());
        });
    }

    /** Ports test_locks.py LockTests.test_finished_waiter_cancelled: a woken-then-cancelled waiter passes the wake-up on. */
    @Test
    void testFinishedWaiterCancelled() {
        runVoid(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());

            Task<Boolean> tb = createTask(lock::acquire);
            sleep(0);
            assertEquals(1, lock.waiterCount());

            // Create a second waiter, wake up the first, and cancel it.
            // Without the fix, the second was not woken up.
            Task<Boolean> tc = createTask(lock::acquire);
            tb.cancel();
            lock.release();
            sleep(0);

            assertTrue(lock.locked());
            assertTrue(tb.cancelled());

            // Cleanup
            tc.await();
        });
    }

    /** Ports test_locks.py LockTests.test_release_not_acquired. */
    @Test
    void testReleaseNotAcquired() {
        runVoid(() -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertEquals("Lock is not acquired.", e.getMessage());
        });
    }

    /** Ports test_locks.py LockTests.test_release_no_waiters. */
    @Test
    void testReleaseNoWaiters() {
        runVoid(() -> {
            Lock lock = new Lock();
            lock.acquire();
            assertTrue(lock.locked());

            lock.release();
            assertFalse(lock.locked());
        });
    }

    /** Ports test_locks.py LockTests.test_context_manager: {@code async with lock} is {@code acquireScope()}. */
    @Test
    void testContextManager() {
        runVoid(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());

            try (var held = lock.acquireScope()) {
                assertTrue(lock.locked());
            }

            assertFalse(lock.locked());
        });
    }

    /** Not in CPython: the scope releases the lock when its body throws, and is not entered when acquiring is cancelled. */
    @Test
    void scopeReleasesOnErrorAndIsNotEnteredWhenCancelled() {
        runVoid(() -> {
            Lock lock = new Lock();
            assertThrows(ArithmeticException.class, () -> {
                try (var held = lock.acquireScope()) {
                    throw new ArithmeticException("boom");
                }
            });
            assertFalse(lock.locked());

            lock.acquire();
            List<String> log = new ArrayList<>();
            Task<Void> waiter = createTask(() -> {
                try (var held = lock.acquireScope()) {
                    log.add("entered");
                }
                return null;
            });
            sleep(0);
            waiter.cancel();
            sleep(0);
            assertTrue(waiter.cancelled());
            assertEquals(List.of(), log);
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
        });
    }
}
