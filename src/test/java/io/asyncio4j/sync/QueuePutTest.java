package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_queues.py, class QueuePutTests.
 *
 * <p>Not ported: test_float_maxsize ({@code maxsize=1.3}; maxsize is an {@code int} in Java).
 */
class QueuePutTest {

    private static <T> Coroutine<Void> putting(Queue<T> q, T item) {
        return () -> {
            q.put(item);
            return null;
        };
    }

    /** Ports test_queues.py QueuePutTests.test_blocking_put. */
    @Test
    void testBlockingPut() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            // No maxsize, won't block.
            q.put(1);
            assertEquals(1, q.get());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_blocking_put_wait. */
    @Test
    void testBlockingPutWait() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>(1);
            Event started = new Event();
            boolean[] finished = {false};

            EventLoop loop = getRunningLoop();
            loop.callLater(0.01, q::getNowait);
            Task<Void> queuePutTask = createTask(() -> {
                started.set();
                q.put(1);
                q.put(2);
                finished[0] = true;
                return null;
            });
            started.await();
            assertFalse(finished[0]);
            queuePutTask.await();
            assertTrue(finished[0]);
        });
    }

    /** Ports test_queues.py QueuePutTests.test_nonblocking_put. */
    @Test
    void testNonblockingPut() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    /** Ports test_queues.py QueuePutTests.test_get_cancel_drop_one_pending_reader: a cancelled getter loses no item. */
    @Test
    void testGetCancelDropOnePendingReader() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = createTask(q::get);
            sleep(0);

            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();

            try {
                reader.await();
            } catch (CancelledError e) {
                // try again
                reader = createTask(q::get);
                reader.await();
            }

            // if we get 2, it means 1 got dropped!
            assertEquals(1, reader.result());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_get_cancel_drop_many_pending_readers. */
    @Test
    void testGetCancelDropManyPendingReaders() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Integer>> readers = new ArrayList<>();
            TaskGroup.run(tg -> {
                readers.add(tg.createTask(q::get));
                readers.add(tg.createTask(q::get));
                readers.add(tg.createTask(q::get));

                sleep(0);

                q.putNowait(1);
                q.putNowait(2);
                readers.get(0).cancel();

                assertThrows(CancelledError.class, readers.get(0)::await);

                readers.get(2).await();
                return null;
            });
            // It is undefined in which order concurrent readers receive results.
            assertEquals(Set.of(1, 2), Set.of(readers.get(1).result(), readers.get(2).result()));
        });
    }

    /** Ports test_queues.py QueuePutTests.test_put_cancel_drop. */
    @Test
    void testPutCancelDrop() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);

            // putting a second item in the queue has to block (qsize=1)
            Task<Void> writer = createTask(putting(q, 2));
            sleep(0);

            int value1 = q.getNowait();
            assertEquals(1, value1);

            writer.cancel();
            try {
                writer.await();
            } catch (CancelledError e) {
                // try again
                writer = createTask(putting(q, 2));
                writer.await();
            }

            int value2 = q.getNowait();
            assertEquals(2, value2);
            assertEquals(0, q.qsize());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_nonblocking_put_exception. */
    @Test
    void testNonblockingPutException() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThrows(QueueFull.class, () -> q.putNowait(2));
    }

    /** Ports test_queues.py QueuePutTests.test_put_cancelled. */
    @Test
    void testPutCancelled() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Boolean> t = createTask(() -> {
                q.put(1);
                return true;
            });

            assertEquals(1, q.get());
            assertTrue(t.done());
            assertTrue(t.result());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_put_cancelled_race. */
    @Test
    void testPutCancelledRace() {
        runVoid(() -> {
            Queue<String> q = new Queue<>(1);

            Task<Void> putA = createTask(putting(q, "a"));
            Task<Void> putB = createTask(putting(q, "b"));
            Task<Void> putC = createTask(putting(q, "X"));

            sleep(0);
            assertTrue(putA.done());
            assertFalse(putB.done());

            putC.cancel();
            sleep(0);
            assertTrue(putC.done());
            assertEquals("a", q.getNowait());
            sleep(0);
            assertEquals("b", q.getNowait());

            putB.await();
        });
    }

    /** Ports test_queues.py QueuePutTests.test_put_with_waiting_getters. */
    @Test
    void testPutWithWaitingGetters() {
        runVoid(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t = createTask(q::get);
            sleep(0);
            q.put("a");
            assertEquals("a", t.await());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_why_are_putters_waiting. */
    @Test
    void testWhyArePuttersWaiting() {
        runVoid(() -> {
            Queue<Integer> queue = new Queue<>(2);
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    sleep(0);
                    int num = queue.qsize();
                    for (int i = 0; i < num; i++) {
                        queue.getNowait();
                    }
                    return null;
                });
                for (int i = 0; i < 4; i++) {
                    tg.createTask(putting(queue, i));
                }
                return null;
            });
            assertEquals(2, queue.qsize());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters. */
    @Test
    void testCancelledPutsNotBeingHeldInSelfPutters() {
        runVoid(() -> {
            // Full queue.
            Queue<Integer> queue = new Queue<>(1);
            queue.putNowait(1);

            // Task waiting for space to put an item in the queue.
            Task<Void> putTask = createTask(putting(queue, 1));
            sleep(0);

            // Check that the putter is correctly removed from putters when the task is cancelled.
            assertEquals(1, queue.putters().size());
            putTask.cancel();
            assertThrows(CancelledError.class, putTask::await);
            assertEquals(0, queue.putters().size());
        });
    }

    /** Ports test_queues.py QueuePutTests.test_cancelled_put_silence_value_error_exception. */
    @Test
    void testCancelledPutSilenceValueErrorException() {
        runVoid(() -> {
            // Full Queue.
            Queue<Integer> queue = new Queue<>(1);
            queue.putNowait(1);

            // Task waiting for space to put an item in the queue.
            Task<Void> putTask = createTask(putting(queue, 1));
            sleep(0);

            // getNowait() removes the future of putTask from the putters.
            queue.getNowait();
            // When cancelled, put() tries to remove its future again: that must be harmless.
            putTask.cancel();

            // We should see the CancelledError and nothing else.
            assertThrows(CancelledError.class, putTask::await);
        });
    }
}
