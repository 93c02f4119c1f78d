package io.asyncio4j.sync;

import io.asyncio4j.Task;
import io.asyncio4j.TaskGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_queues.py, classes QueueBasicTests,
 * LifoQueueTests and PriorityQueueTests.
 *
 * <p>Not ported: test_generic_alias ({@code Queue[int]} is Python typing machinery; Java has
 * generics). test_str shares test_repr's body: Java has one {@code toString()}, in the form of
 * asyncio's {@code repr}.
 */
class QueueBasicTest {

    /** test_queues.py QueueBasicTests._test_repr_or_str. */
    private static void testReprOrStr(boolean expectId) {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.toString().startsWith("<Queue"), q.toString());
            boolean idIsPresent = q.toString().contains("0x" + Integer.toHexString(System.identityHashCode(q)));
            if (expectId) {
                assertTrue(idIsPresent, q.toString());
            }

            // getters
            Queue<Integer> q2 = new Queue<>();
            List<Task<Integer>> getter = new ArrayList<>();
            TaskGroup.run(tg -> {
                // Start a task that waits to get.
                getter.add(tg.createTask(q2::get));
                // Let it start waiting.
                sleep(0);
                assertTrue(q2.toString().contains("_getters[1]"), q2.toString());
                // resume q.get coroutine to finish generator
                q2.putNowait(0);
                return null;
            });
            assertEquals(0, getter.get(0).await());

            // putters
            Queue<Integer> q3 = new Queue<>(1);
            List<Task<Void>> putter = new ArrayList<>();
            TaskGroup.run(tg -> {
                q3.putNowait(1);
                // Start a task that waits to put.
                putter.add(tg.createTask(() -> {
                    q3.put(2);
                    return null;
                }));
                // Let it start waiting.
                sleep(0);
                assertTrue(q3.toString().contains("_putters[1]"), q3.toString());
                // resume q.put coroutine to finish generator
                q3.getNowait();
                return null;
            });
            assertTrue(putter.get(0).done());

            Queue<Integer> q4 = new Queue<>();
            q4.putNowait(1);
            assertTrue(q4.toString().contains("_queue=[1]"), q4.toString());
        });
    }

    /** Ports test_queues.py QueueBasicTests.test_repr. */
    @Test
    void testRepr() {
        testReprOrStr(true);
    }

    /** Ports test_queues.py QueueBasicTests.test_str (without its "no id" check: one toString in Java). */
    @Test
    void testStr() {
        testReprOrStr(false);
    }

    /** Ports test_queues.py QueueBasicTests.test_empty. */
    @Test
    void testEmpty() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.empty());
            q.put(1);
            assertFalse(q.empty());
            assertEquals(1, q.get());
            assertTrue(q.empty());
        });
    }

    /** Ports test_queues.py QueueBasicTests.test_full. */
    @Test
    void testFull() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            assertFalse(q.full());

            Queue<Integer> q1 = new Queue<>(1);
            q1.put(1);
            assertTrue(q1.full());
        });
    }

    /** Ports test_queues.py QueueBasicTests.test_order. */
    @Test
    void testOrder() {
        assertEquals(List.of(1, 3, 2), putAndGetAll(new Queue<>()));
    }

    /** Ports test_queues.py QueueBasicTests.test_maxsize. */
    @Test
    void testMaxsize() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> haveBeenPut = new ArrayList<>();

            Task<Boolean> t = createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    haveBeenPut.add(i);
                }
                return true;
            });
            for (int i = 0; i < 2; i++) {
                sleep(0);
            }

            // The putter is blocked after putting two items.
            assertEquals(List.of(0, 1), haveBeenPut);
            assertEquals(0, q.get());

            // Let the putter resume and put last item.
            sleep(0);
            assertEquals(List.of(0, 1, 2), haveBeenPut);
            assertEquals(1, q.get());
            assertEquals(2, q.get());

            assertTrue(t.done());
            assertTrue(t.result());
        });
    }

    /** Ports test_queues.py LifoQueueTests.test_order. */
    @Test
    void testLifoQueueOrder() {
        assertEquals(List.of(2, 3, 1), putAndGetAll(new LifoQueue<>()));
    }

    /** Ports test_queues.py PriorityQueueTests.test_order. */
    @Test
    void testPriorityQueueOrder() {
        assertEquals(List.of(1, 2, 3), putAndGetAll(new PriorityQueue<>()));
    }

    /** Not in CPython: a PriorityQueue ordered by a Comparator (Python would compare tuples). */
    @Test
    void priorityQueueWithComparator() {
        record Job(int priority, String name) {
        }
        List<String> names = runTest(() -> {
            PriorityQueue<Job> q = new PriorityQueue<>(java.util.Comparator.comparingInt(Job::priority));
            q.put(new Job(5, "low"));
            q.put(new Job(1, "high"));
            q.put(new Job(3, "mid"));
            return List.of(q.get().name(), q.get().name(), q.get().name());
        });
        assertEquals(List.of("high", "mid", "low"), names);
    }

    /** Not in CPython: without a Comparator, an item that is not Comparable is refused and the queue is unchanged. */
    @Test
    void priorityQueueRefusesItemsThatAreNotComparable() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertEquals(0, q.qsize());
        assertEquals("maxsize=0", q.format());
    }

    /** Not in CPython: null items are refused up front, with a message (Java's queues cannot hold null). */
    @Test
    void nullItemsAreRefused() {
        Queue<String> q = new Queue<>();
        NullPointerException e = assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertTrue(e.getMessage().contains("null"));
        assertEquals(0, q.qsize());
        runVoid(() -> assertThrows(NullPointerException.class, () -> q.put(null)));
    }

    private static List<Integer> putAndGetAll(Queue<Integer> q) {
        return runTest(() -> {
            for (int i : List.of(1, 3, 2)) {
                q.put(i);
            }
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                items.add(q.get());
            }
            return items;
        });
    }
}
