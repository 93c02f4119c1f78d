package io.asyncio4j.sync;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.function.IntFunction;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_queues.py, _QueueShutdownTestMixin as run by
 * QueueShutdownTests, LifoQueueShutdownTests and PriorityQueueShutdownTests. Every case is ported.
 */
class QueueShutdownTest {

    /** test_queues.py _QueueShutdownTestMixin. */
    abstract static class Mixin {
        /** Makes a queue of the class under test with the given maxsize. */
        abstract IntFunction<Queue<String>> qClass();

        Queue<String> newQueue() {
            return qClass().apply(0);
        }

        private static void assertRaisesShutdown(org.junit.jupiter.api.function.Executable call) {
            assertThrows(QueueShutDown.class, call, "Didn't appear to shut-down queue");
        }

        private static void assertPutsAndGetsRaiseShutdown(Queue<String> q) {
            assertRaisesShutdown(() -> q.put("data"));
            assertRaisesShutdown(() -> q.putNowait("data"));
            assertRaisesShutdown(q::get);
            assertRaisesShutdown(q::getNowait);
        }

        /** Ports test_queues.py _QueueShutdownTestMixin.test_format. */
        @Test
        void testFormat() {
            runVoid(() -> {
                Queue<String> q = newQueue();
                q.shutdown();
                assertEquals("maxsize=0 shutdown", q.format());
            });
        }

        /** Ports test_queues.py _QueueShutdownTestMixin.test_shutdown_empty. */
        @Test
        void testShutdownEmpty() {
            runVoid(() -> {
                // Setup empty queue, and join() and get() tasks
                Queue<String> q = newQueue();
                EventLoop loop = getRunningLoop();
                Task<String> getTask = loop.createTask(q::get);
                sleep(0); // want get task pending before shutdown

                // Perform shut-down
                q.shutdown(false); // unfinished tasks: 0 -> 0

                assertEquals(0, q.qsize());

                // Ensure join() task successfully finishes
                q.join();

                // Ensure get() task is finished, and raised ShutDown
                sleep(0);
                assertTrue(getTask.done());
                assertRaisesShutdown(getTask::await);

                // Ensure put() and get() raise ShutDown
                assertPutsAndGetsRaiseShutdown(q);
            });
        }

        /** Ports test_queues.py _QueueShutdownTestMixin.test_shutdown_nonempty. */
        @Test
        void testShutdownNonempty() {
            runVoid(() -> {
                // Setup full queue with 1 item, and join() and put() tasks
                Queue<String> q = qClass().apply(1);
                EventLoop loop = getRunningLoop();

                q.putNowait("data");
                Task<Void> joinTask = loop.createTask(() -> {
                    q.join();
                    return null;
                });
                Task<Void> putTask = loop.createTask(() -> {
                    q.put("data2");
                    return null;
                });

                // Ensure put() task is not finished
                sleep(0);
                assertFalse(putTask.done());

                // Perform shut-down
                q.shutdown(false); // unfinished tasks: 1 -> 1

                assertEquals(1, q.qsize());

                // Ensure put() task is finished, and raised ShutDown
                sleep(0);
                assertTrue(putTask.done());
                assertRaisesShutdown(putTask::await);

                // Ensure get() succeeds on enqueued item
                assertEquals("data", q.get());

                // Ensure join() task is not finished
                sleep(0);
                assertFalse(joinTask.done());

                // Ensure put() and get() raise ShutDown
                assertPutsAndGetsRaiseShutdown(q);

                // Ensure there is 1 unfinished task, and join() task succeeds
                q.taskDone();

                sleep(0);
                assertTrue(joinTask.done());
                joinTask.await();

                assertThrows(IllegalArgumentException.class, q::taskDone, "Didn't appear to mark all tasks done");
            });
        }

        /** Ports test_queues.py _QueueShutdownTestMixin.test_shutdown_immediate. */
        @Test
        void testShutdownImmediate() {
            runVoid(() -> {
                // Setup queue with 1 item, and a join() task
                Queue<String> q = newQueue();
                EventLoop loop = getRunningLoop();
                q.putNowait("data");
                Task<Void> joinTask = loop.createTask(() -> {
                    q.join();
                    return null;
                });

                // Perform shut-down
                q.shutdown(true); // unfinished tasks: 1 -> 0

                assertEquals(0, q.qsize());

                // Ensure join() task has successfully finished
                sleep(0);
                assertTrue(joinTask.done());
                joinTask.await();

                // Ensure put() and get() raise ShutDown
                assertPutsAndGetsRaiseShutdown(q);

                // Ensure there are no unfinished tasks
                assertThrows(IllegalArgumentException.class, q::taskDone, "Didn't appear to mark all tasks done");
            });
        }

        /** Ports test_queues.py _QueueShutdownTestMixin.test_shutdown_immediate_with_unfinished. */
        @Test
        void testShutdownImmediateWithUnfinished() {
            runVoid(() -> {
                // Setup queue with 2 items (1 retrieved), and a join() task
                Queue<String> q = newQueue();
                EventLoop loop = getRunningLoop();
                q.putNowait("data");
                q.putNowait("data");
                Task<Void> joinTask = loop.createTask(() -> {
                    q.join();
                    return null;
                });
                assertEquals("data", q.get());

                // Perform shut-down
                q.shutdown(true); // unfinished tasks: 2 -> 1

                assertEquals(0, q.qsize());

                // Ensure join() task is not finished
                sleep(0);
                assertFalse(joinTask.done());

                // Ensure put() and get() raise ShutDown
                assertPutsAndGetsRaiseShutdown(q);

                // Ensure there is 1 unfinished task
                q.taskDone();
                assertThrows(IllegalArgumentException.class, q::taskDone, "Didn't appear to mark all tasks done");

                // Ensure join() task has successfully finished
                sleep(0);
                assertTrue(joinTask.done());
                joinTask.await();
            });
        }
    }

    /** test_queues.py QueueShutdownTests. */
    @Nested
    class QueueShutdownTests extends Mixin {
        @Override
        IntFunction<Queue<String>> qClass() {
            return Queue::new;
        }
    }

    /** test_queues.py LifoQueueShutdownTests. */
    @Nested
    class LifoQueueShutdownTests extends Mixin {
        @Override
        IntFunction<Queue<String>> qClass() {
            return LifoQueue::new;
        }
    }

    /** test_queues.py PriorityQueueShutdownTests. */
    @Nested
    class PriorityQueueShutdownTests extends Mixin {
        @Override
        IntFunction<Queue<String>> qClass() {
            return PriorityQueue::new;
        }
    }
}
