package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Not in CPython: the loop binding of every primitive (asyncio's {@code _LoopBoundMixin}) and
 * the clear errors for use from another loop, from a foreign thread, or outside a task.
 */
class LoopBindingTest {

    /** Every primitive, used without ever making a task wait: as in asyncio, nothing binds. */
    private static void useUncontended(Lock lock, Event event, Condition cond, Semaphore sem, Queue<Integer> q, Barrier barrier) {
        try (var held = lock.acquireScope()) {
            assertTrue(lock.locked());
        }
        event.set();
        event.await();
        event.clear();
        try (var held = cond.acquireScope()) {
            cond.notifyOne();
        }
        try (var held = sem.acquireScope()) {
            assertTrue(sem.locked());
        }
        q.putNowait(1);
        assertEquals(1, q.get());
        q.taskDone();
        q.join();
        assertEquals(0, barrier.await());
    }

    /**
     * asyncio's _LoopBoundMixin binds only in _get_loop(), called where a waiter future is made:
     * primitives used without waiting serve one Asyncio.run after another (CPython 3.13: the same
     * Lock, Event, Condition, Semaphore, Queue and Barrier(1) used in two asyncio.run calls).
     */
    @Test
    void uncontendedPrimitivesServeOneRunAfterAnother() {
        Lock lock = new Lock();
        Event event = new Event();
        Condition cond = new Condition();
        Semaphore sem = new Semaphore();
        Queue<Integer> q = new Queue<>();
        Barrier barrier = new Barrier(1);
        for (int run = 0; run < 3; run++) {
            runVoid(() -> useUncontended(lock, event, cond, sem, q, barrier));
        }
        for (LoopBound p : List.of(lock, event, cond, sem, q, barrier)) {
            assertNull(p.boundLoop(), p.toString());
        }
    }

    /**
     * A lock a task waited for on one loop is bound to it: on a later loop it still works
     * uncontended (the fast path touches no loop), and a task that has to wait for it fails
     * naming both loops, leaving the lock as it was (CPython: the same scenario raises
     * "is bound to a different event loop" only in the contended run).
     */
    @Test
    void waitingBindsAndAWaiterOnAnotherLoopFailsNamingBothLoops() {
        Lock lock = new Lock();
        Queue<Integer> q = new Queue<>();
        EventLoop[] first = new EventLoop[1];
        runVoid(() -> {
            first[0] = getRunningLoop();
            Task<Integer> getter = createTask(q::get);
            lock.acquire();
            Task<Boolean> waiter = createTask(lock::acquire);
            sleep(0);
            lock.release();
            assertTrue(waiter.await());
            lock.release();
            q.putNowait(5);
            assertEquals(5, getter.await());
        });
        assertSame(first[0], lock.boundLoop());
        assertSame(first[0], q.boundLoop());
        runVoid(() -> {
            EventLoop second = getRunningLoop();
            try (var held = lock.acquireScope()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
                assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
                assertTrue(e.getMessage().contains(Integer.toHexString(System.identityHashCode(first[0]))), e.getMessage());
                assertTrue(e.getMessage().contains(Integer.toHexString(System.identityHashCode(second))), e.getMessage());
                assertEquals(0, lock.waiterCount());
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
            q.putNowait(1);
            assertEquals(1, q.get());
            IllegalStateException e = assertThrows(IllegalStateException.class, q::get);
            assertTrue(e.getMessage().contains("is bound to a different event loop"), e.getMessage());
            assertEquals(0, q.getters().size());
        });
    }

    @Test
    void primitiveUsedFromAForeignThreadWhileItsLoopRunsFails() {
        runVoid(() -> {
            Lock lock = new Lock();
            Queue<Integer> q = new Queue<>();
            Event event = new Event();
            lock.acquire();
            q.putNowait(1);
            event.clear();

            String message = toThread(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
                assertThrows(IllegalStateException.class, () -> q.putNowait(2));
                assertThrows(IllegalStateException.class, q::getNowait);
                assertThrows(IllegalStateException.class, event::set);
                return e.getMessage();
            });
            assertTrue(message.contains("which is not running that loop"), message);
            assertTrue(message.contains("callSoonThreadsafe"), message);
            assertTrue(message.startsWith("Lock object at 0x"), message);
            // The primitives are intact and still usable on their loop.
            assertTrue(lock.locked());
            assertEquals(1, q.qsize());
            assertFalse(event.isSet());
            lock.release();
            assertEquals(1, q.get());
        });
    }

    @Test
    void callSoonThreadsafeIsTheWayInFromAnotherThread() {
        runVoid(() -> {
            EventLoop loop = getRunningLoop();
            Queue<String> q = new Queue<>();
            toThread(() -> loop.callSoonThreadsafe(() -> q.putNowait("from a thread")));
            assertEquals("from a thread", q.get());
        });
    }

    @Test
    void waitingOutsideATaskFailsClearlyAndLeavesNoWaiter() {
        runVoid(() -> {
            EventLoop loop = getRunningLoop();
            Lock lock = new Lock();
            Queue<Integer> q = new Queue<>();
            lock.acquire();
            List<Throwable> errors = new ArrayList<>();
            loop.callSoon(() -> {
                try {
                    lock.acquire();
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
                try {
                    q.get();
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
            });
            sleep(0);
            assertEquals(2, errors.size());
            assertTrue(errors.get(0).getMessage().startsWith("Lock.acquire() has to wait, and only code running inside a Task"),
                    errors.get(0).getMessage());
            assertTrue(errors.get(1).getMessage().startsWith("Queue.get() has to wait"), errors.get(1).getMessage());
            assertEquals(0, lock.waiterCount());
            assertEquals(0, q.getters().size());
            lock.release();
            assertFalse(lock.locked());
        });
    }

    @Test
    void unboundPrimitivesWorkWithoutALoopAndBindOnFirstWaitInOne() {
        Semaphore sem = new Semaphore(2);
        Queue<Integer> q = new Queue<>();
        q.putNowait(7);
        sem.release();
        assertNull(sem.boundLoop());
        runVoid(() -> {
            assertEquals(7, q.get());
            Task<Boolean> t = createTask(sem::acquire);
            t.await();
            assertNull(sem.boundLoop(), "acquired without waiting: not bound, as in asyncio");
            sem.acquire();
            sem.acquire();
            Task<Boolean> waiter = createTask(sem::acquire);
            sleep(0);
            assertSame(getRunningLoop(), sem.boundLoop());
            sem.release();
            assertTrue(waiter.await());
            sem.release();
            sem.release();
        });
        // After the loop closed, the owning thread may still inspect and use them outside a loop.
        assertEquals(2, sem.value());
        q.putNowait(8);
        assertEquals(8, q.getNowait());
    }

    @Test
    void creatingAPrimitiveInsideALoopDoesNotBindIt() {
        List<Object> made = runTest(() -> List.of(new Queue<Integer>(), new Barrier(1), new Event(), new Lock()));
        runVoid(() -> {
            @SuppressWarnings("unchecked") Queue<Integer> q = (Queue<Integer>) made.get(0);
            q.put(1);
            assertEquals(1, q.get());
            q.taskDone();
            q.join();
            assertEquals(0, ((Barrier) made.get(1)).await());
            ((Event) made.get(2)).set();
            assertTrue(((Lock) made.get(3)).acquire());
        });
    }
}
