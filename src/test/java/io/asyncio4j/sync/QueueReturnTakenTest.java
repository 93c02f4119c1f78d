package io.asyncio4j.sync;

import io.asyncio4j.Task;
import io.asyncio4j.internal.bridge.QueueAccess;
import org.junit.jupiter.api.Test;

import java.util.Comparator;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link QueueAccess#returnTaken}: an item taken with get() and given back is the next one get()
 * returns, in every queue kind, stays unfinished for join(), and wakes a waiting consumer.
 * asyncio has no such operation; the Reactor bridge uses it when a subscriber cancels.
 */
class QueueReturnTakenTest {

    @Test
    void aFifoQueueReturnsTheItemToItsHead() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            int first = q.get();
            QueueAccess.returnTaken(q, first);
            assertEquals(0, q.get());
            assertEquals(1, q.get());
            assertEquals(2, q.get());
        });
    }

    @Test
    void aLifoQueueReturnsTheItemToItsTop() {
        runVoid(() -> {
            LifoQueue<Integer> q = new LifoQueue<>();
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            int top = q.get();
            QueueAccess.returnTaken(q, top);
            assertEquals(2, q.get());
            assertEquals(1, q.get());
        });
    }

    @Test
    void aPriorityQueueFilesTheItemByPriority() {
        runVoid(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>(Comparator.reverseOrder());
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            int best = q.get();
            QueueAccess.returnTaken(q, best);
            assertEquals(2, q.get());
            assertEquals(1, q.get());
        });
    }

    @Test
    void aReturnedItemStaysUnfinishedForJoin() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(7);
            QueueAccess.returnTaken(q, q.get());
            Task<Void> joiner = createTask(() -> {
                q.join();
                return null;
            });
            sleep(0);
            assertFalse(joiner.done());
            assertEquals(7, q.get());
            q.taskDone();
            joiner.await();
        });
    }

    @Test
    void aReturnedItemWakesAWaitingConsumer() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(5);
            int taken = q.get();
            Task<Integer> consumer = createTask(q::get);
            sleep(0);
            assertFalse(consumer.done());
            QueueAccess.returnTaken(q, taken);
            assertEquals(5, consumer.await());
        });
    }

    @Test
    void anItemGoesBackIntoAShutDownQueueAndIsStillHandedOut() {
        runVoid(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            int taken = q.get();
            q.shutdown();
            QueueAccess.returnTaken(q, taken);
            assertEquals(1, q.get());
            assertThrows(QueueShutDown.class, q::get);
        });
    }
}
