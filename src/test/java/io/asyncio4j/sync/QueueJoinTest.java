package io.asyncio4j.sync;

import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_queues.py, _QueueJoinTestMixin as run by
 * QueueJoinTests, LifoQueueJoinTests and PriorityQueueJoinTests. Every case is ported.
 */
class QueueJoinTest {

    /** test_queues.py _QueueJoinTestMixin. */
    abstract static class Mixin {
        abstract Supplier<Queue<Integer>> qClass();

        /** Ports test_queues.py _QueueJoinTestMixin.test_task_done_underflow. */
        @Test
        void testTaskDoneUnderflow() {
            Queue<Integer> q = qClass().get();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::taskDone);
            assertEquals("taskDone() called too many times", e.getMessage());
        }

        /** Ports test_queues.py _QueueJoinTestMixin.test_task_done. */
        @Test
        void testTaskDone() {
            runVoid(() -> {
                Queue<Integer> q = qClass().get();
                for (int i = 0; i < 100; i++) {
                    q.putNowait(i);
                }
                int[] accumulator = {0};
                // Two workers get items from the queue and call taskDone after each.
                // Join the queue and assert all items have been processed.
                boolean[] running = {true};

                TaskGroup.run(tg -> {
                    List<Task<Void>> tasks = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        tasks.add(tg.createTask(() -> {
                            while (running[0]) {
                                int item = q.get();
                                accumulator[0] += item;
                                q.taskDone();
                            }
                            return null;
                        }));
                    }

                    q.join();
                    assertEquals(4950, accumulator[0]);

                    // close running workers
                    running[0] = false;
                    for (int i = 0; i < tasks.size(); i++) {
                        q.putNowait(0);
                    }
                    return null;
                });
            });
        }

        /** Ports test_queues.py _QueueJoinTestMixin.test_join_empty_queue. */
        @Test
        void testJoinEmptyQueue() {
            runVoid(() -> {
                Queue<Integer> q = qClass().get();
                // A queue join()s successfully, and before anything else (done twice for insurance).
                q.join();
                q.join();
            });
        }

        /**
         * Ports test_queues.py _QueueJoinTestMixin.test_format: two items put and taken but not
         * marked done stand in for setting the private {@code _unfinished_tasks} to 2.
         */
        @Test
        void testFormat() {
            Queue<Integer> q = qClass().get();
            assertEquals("maxsize=0", q.format());

            q.putNowait(1);
            q.putNowait(2);
            q.getNowait();
            q.getNowait();
            assertEquals("maxsize=0 tasks=2", q.format());
        }
    }

    /** test_queues.py QueueJoinTests. */
    @Nested
    class QueueJoinTests extends Mixin {
        @Override
        Supplier<Queue<Integer>> qClass() {
            return Queue::new;
        }
    }

    /** test_queues.py LifoQueueJoinTests. */
    @Nested
    class LifoQueueJoinTests extends Mixin {
        @Override
        Supplier<Queue<Integer>> qClass() {
            return LifoQueue::new;
        }
    }

    /** test_queues.py PriorityQueueJoinTests. */
    @Nested
    class PriorityQueueJoinTests extends Mixin {
        @Override
        Supplier<Queue<Integer>> qClass() {
            return PriorityQueue::new;
        }
    }
}
