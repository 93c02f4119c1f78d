package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import io.asyncio4j.TimeoutError;
import org.junit.jupiter.api.Test;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ports CPython 3.13 Lib/test/test_asyncio/test_queues.py, class QueueGetTests. Every case is ported. */
class QueueGetTest {

    /** Ports test_queues.py QueueGetTests.test_blocking_get. */
    @Test
    void testBlockingGet() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            assertEquals(1, q.get());
        });
    }

    /** Ports test_queues.py QueueGetTests.test_get_with_putters. */
    @Test
    void testGetWithPutters() {
        runVoid(() -> {
            EventLoop loop = getRunningLoop();
            Queue<Integer> q = new Queue<>(1);
            q.put(1);

            Future<Void> waiter = loop.createFuture();
            q.putters().add(waiter);

            assertEquals(1, q.get());
            assertTrue(waiter.done());
            assertNull(waiter.result());
        });
    }

    /** Ports test_queues.py QueueGetTests.test_blocking_get_wait. */
    @Test
    void testBlockingGetWait() {
        runVoid(() -> {
            EventLoop loop = getRunningLoop();
            Queue<Integer> q = new Queue<>();
            Event started = new Event();
            boolean[] finished = {false};

            Task<Integer> queueGetTask = createTask(() -> {
                started.set();
                int res = q.get();
                finished[0] = true;
                return res;
            });
            started.await();
            assertFalse(finished[0]);
            loop.callLater(0.01, () -> q.putNowait(1));
            int res = queueGetTask.await();
            assertTrue(finished[0]);
            assertEquals(1, res);
        });
    }

    /** Ports test_queues.py QueueGetTests.test_nonblocking_get (no loop needed, as in CPython). */
    @Test
    void testNonblockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    /** Ports test_queues.py QueueGetTests.test_nonblocking_get_exception. */
    @Test
    void testNonblockingGetException() {
        Queue<Integer> q = new Queue<>();
        assertThrows(QueueEmpty.class, q::getNowait);
    }

    /** Ports test_queues.py QueueGetTests.test_get_cancelled_race. */
    @Test
    void testGetCancelledRace() {
        runVoid(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = createTask(q::get);
            Task<String> t2 = createTask(q::get);

            sleep(0);
            t1.cancel();
            sleep(0);
            assertTrue(t1.done());
            q.put("a");
            sleep(0);
            assertEquals("a", t2.await());
        });
    }

    /** Ports test_queues.py QueueGetTests.test_get_with_waiting_putters. */
    @Test
    void testGetWithWaitingPutters() {
        runVoid(() -> {
            Queue<String> q = new Queue<>(1);
            createTask(() -> {
                q.put("a");
                return null;
            });
            createTask(() -> {
                q.put("b");
                return null;
            });
            assertEquals("a", q.get());
            assertEquals("b", q.get());
        });
    }

    /** Ports test_queues.py QueueGetTests.test_why_are_getters_waiting. */
    @Test
    void testWhyAreGettersWaiting() {
        runVoid(() -> {
            int producerNumItems = 5;
            Queue<Integer> q = new Queue<>(1);
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    for (int i = 0; i < producerNumItems; i++) {
                        q.put(i);
                    }
                    return null;
                });
                tg.createTask(() -> {
                    for (int i = 0; i < producerNumItems; i++) {
                        q.get();
                    }
                    return null;
                });
                return null;
            });
            assertTrue(q.empty());
        });
    }

    /** Ports test_queues.py QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters. */
    @Test
    void testCancelledGettersNotBeingHeldInSelfGetters() {
        runVoid(() -> {
            Queue<Integer> queue = new Queue<>(5);
            assertThrows(TimeoutError.class, () -> waitFor(queue::get, 0.1));
            assertEquals(0, queue.getters().size());
        });
    }
}
