package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_locks.py, class SemaphoreTests.
 *
 * <p>test_semaphore keeps its non-Python half (awaiting the semaphore object itself is a TypeError
 * of Python's await protocol).
 */
class SemaphoreTest {

    /** Ports test_locks.py SemaphoreTests.test_initial_value_zero. */
    @Test
    void testInitialValueZero() {
        Semaphore sem = new Semaphore(0);
        assertTrue(sem.locked());
    }

    /** Ports test_locks.py SemaphoreTests.test_repr (queued tasks stand in for the mock waiters). */
    @Test
    void testRepr() {
        runVoid(() -> {
            Semaphore sem = new Semaphore();
            assertTrue(sem.toString().endsWith("[unlocked, value:1]>"), sem.toString());
            assertTrue(matchesRepr(sem));

            sem.acquire();
            assertTrue(sem.toString().endsWith("[locked]>"));
            assertFalse(sem.toString().contains("waiters"));
            assertTrue(matchesRepr(sem));

            createTask(sem::acquire);
            sleep(0);
            assertTrue(sem.toString().contains("waiters:1"), sem.toString());
            assertTrue(matchesRepr(sem));

            createTask(sem::acquire);
            sleep(0);
            assertTrue(sem.toString().contains("waiters:2"));
            assertTrue(matchesRepr(sem));
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_semaphore: a new semaphore has value 1 and is unlocked. */
    @Test
    void testSemaphore() {
        runVoid(() -> {
            Semaphore sem = new Semaphore();
            assertEquals(1, sem.value());
            assertFalse(sem.locked());
            assertEquals(1, sem.value());
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_semaphore_value. */
    @Test
    void testSemaphoreValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertTrue(e.getMessage().contains("must be >= 0"));
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire. */
    @Test
    void testAcquire() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(3);
            List<Integer> result = new ArrayList<>();

            assertTrue(sem.acquire());
            assertTrue(sem.acquire());
            assertFalse(sem.locked());

            Task<Boolean> t1 = createTask(() -> appendAfterAcquire(sem, result, 1));
            Task<Boolean> t2 = createTask(() -> appendAfterAcquire(sem, result, 2));
            Task<Boolean> t3 = createTask(() -> appendAfterAcquire(sem, result, 3));

            sleep(0);
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertEquals(2, sem.waiters().size());
            assertEquals(0, sem.value());

            Task<Boolean> t4 = createTask(() -> appendAfterAcquire(sem, result, 4));

            sem.release();
            sem.release();
            assertEquals(0, sem.value());

            sleep(0);
            assertEquals(0, sem.value());
            assertEquals(3, result.size());
            assertTrue(sem.locked());
            assertEquals(1, sem.waiters().size());
            assertEquals(0, sem.value());

            assertTrue(t1.done());
            assertTrue(t1.result());
            List<Task<Boolean>> raceTasks = List.of(t2, t3, t4);
            long doneTasks = raceTasks.stream().filter(t -> t.done() && t.result()).count();
            assertEquals(2, doneTasks);

            // cleanup locked semaphore
            sem.release();
            gather(raceTasks).await();
        });
    }

    private static boolean appendAfterAcquire(Semaphore sem, List<Integer> result, int n) {
        sem.acquire();
        result.add(n);
        return true;
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_cancel. */
    @Test
    void testAcquireCancel() {
        runVoid(() -> {
            Semaphore sem = new Semaphore();
            sem.acquire();

            Task<Boolean> acquire = createTask(sem::acquire);
            getRunningLoop().callSoon(acquire::cancel);
            assertThrows(CancelledError.class, acquire::await);
            assertTrue(sem.waiters() == null || sem.waiters().stream().allMatch(Future::done));
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_cancel_before_awoken. */
    @Test
    void testAcquireCancelBeforeAwoken() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = createTask(sem::acquire);
            Task<Boolean> t2 = createTask(sem::acquire);
            Task<Boolean> t3 = createTask(sem::acquire);
            Task<Boolean> t4 = createTask(sem::acquire);

            sleep(0);

            t1.cancel();
            t2.cancel();
            sem.release();

            sleep(0);
            sleep(0);
            int numDone = (t3.done() ? 1 : 0) + (t4.done() ? 1 : 0);
            assertEquals(1, numDone);
            assertTrue(t3.done());
            assertFalse(t4.done());

            t3.cancel();
            t4.cancel();
            sleep(0);
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_hang. */
    @Test
    void testAcquireHang() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = createTask(sem::acquire);
            Task<Boolean> t2 = createTask(sem::acquire);
            sleep(0);

            t1.cancel();
            sem.release();
            sleep(0);
            sleep(0);
            assertTrue(sem.locked());
            assertTrue(t2.done());
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_no_hang. */
    @Test
    void testAcquireNoHang() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(1);
            @SuppressWarnings("unchecked") Task<Void>[] t2 = new Task[1];

            Task<Void> t1 = createTask(() -> {
                try (var held = sem.acquireScope()) {
                    sleep(0);
                }
                t2[0].cancel();
                return null;
            });
            t2[0] = createTask(() -> {
                try (var held = sem.acquireScope()) {
                    fail("c2 must not get the semaphore");
                }
                return null;
            });

            List<Object> r = gatherSettled(t1, t2[0]).await();
            assertNull(r.get(0));
            assertInstanceOf(CancelledError.class, r.get(1));

            waitFor(sem::acquire, 1.0);
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_release_not_acquired (a BoundedSemaphore). */
    @Test
    void testReleaseNotAcquired() {
        BoundedSemaphore sem = new BoundedSemaphore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
    }

    /** Ports test_locks.py SemaphoreTests.test_release_no_waiters. */
    @Test
    void testReleaseNoWaiters() {
        runVoid(() -> {
            Semaphore sem = new Semaphore();
            sem.acquire();
            assertTrue(sem.locked());

            sem.release();
            assertFalse(sem.locked());
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_fifo_order. */
    @Test
    void testAcquireFifoOrder() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(1);
            List<String> result = new ArrayList<>();

            TaskGroup.run(tg -> {
                for (String tag : List.of("c1", "c2", "c3")) {
                    tg.createTask(() -> {
                        sem.acquire();
                        result.add(tag + "_1");
                        sleep(0.01);
                        sem.release();

                        sem.acquire();
                        result.add(tag + "_2");
                        sleep(0.01);
                        sem.release();
                        return null;
                    });
                }
                return null;
            });

            assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_fifo_order_2. */
    @Test
    void testAcquireFifoOrder2() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(1);
            List<Integer> result = new ArrayList<>();

            Task<Boolean> t1 = createTask(() -> appendAfterAcquire(sem, result, 1));
            Task<Boolean> t2 = createTask(() -> {
                sem.acquire();
                result.add(2);
                sem.release();
                sem.acquire();
                result.add(4);
                return true;
            });
            Task<Boolean> t3 = createTask(() -> appendAfterAcquire(sem, result, 3));

            sleep(0);

            sem.release();
            sem.release();

            gather(t1, t2, t3).await();
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }

    /** Ports test_locks.py SemaphoreTests.test_acquire_fifo_order_3. */
    @Test
    void testAcquireFifoOrder3() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();

            Task<Boolean> t1 = createTask(() -> appendAfterAcquire(sem, result, 1));
            Task<Boolean> t2 = createTask(() -> appendAfterAcquire(sem, result, 2));
            Task<Boolean> t3 = createTask(() -> appendAfterAcquire(sem, result, 3));

            sleep(0);

            t1.cancel();

            sleep(0);

            sem.release();
            sem.release();

            gatherSettled(t1, t2, t3).await();
            assertEquals(List.of(2, 3), result);
        });
    }

    /**
     * Ports test_locks.py SemaphoreTests.test_acquire_fifo_order_4: a successful acquire() wakes
     * the tasks that had to queue behind it because of FIFO order.
     */
    @Test
    void testAcquireFifoOrder4() {
        runVoid(() -> {
            Semaphore sem = new Semaphore(0);
            List<Integer> result = new ArrayList<>();
            @SuppressWarnings("unchecked") Task<Boolean>[] t4 = new Task[1];
            Coroutine<Boolean> c4 = () -> {
                result.add(4);
                return true;
            };

            Task<Boolean> t1 = createTask(() -> {
                // First task immediately waits for semaphore. It will be awoken by c2.
                assertEquals(0, sem.value());
                sem.acquire();
                // We should have woken up all waiting tasks now.
                assertEquals(0, sem.value());
                // Create a fourth task. It should run after c3, not c2.
                t4[0] = createTask(c4);
                result.add(1);
                return true;
            });
            Task<Boolean> t2 = createTask(() -> {
                // The second task begins by releasing semaphore three times, for c1, c2, and c3.
                sem.release();
                sem.release();
                sem.release();
                assertEquals(2, sem.value());
                // It is locked, because c1 hasn't woken up yet.
                assertTrue(sem.locked());
                sem.acquire();
                result.add(2);
                return true;
            });
            Task<Boolean> t3 = createTask(() -> {
                sem.acquire();
                assertTrue(sem.locked());
                result.add(3);
                return true;
            });

            sleep(0);
            // Three tasks are in the queue, the first hasn't woken up yet.
            assertEquals(2, sem.value());
            assertEquals(3, sem.waiters().size());
            sleep(0);

            gather(t1, t2, t3, t4[0]).await();
            assertEquals(List.of(1, 2, 3, 4), result);
        });
    }

    /** Not in CPython: BoundedSemaphore releases up to its bound, then refuses (the "release beyond the initial value fails"). */
    @Test
    void boundedSemaphoreReleasesUpToItsBound() {
        runVoid(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            sem.acquire();
            sem.acquire();
            assertTrue(sem.locked());
            sem.release();
            sem.release();
            assertEquals(2, sem.value());
            assertThrows(IllegalArgumentException.class, sem::release);
            assertEquals(2, sem.value());
            try (var held = sem.acquireScope()) {
                assertEquals(1, sem.value());
            }
            assertEquals(2, sem.value());
        });
    }
}
