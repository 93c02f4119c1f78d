package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Not in CPython: seeded random schedules of contending tasks with cancellations arriving at
 * arbitrary points (often exactly when a waiter is being woken). The invariants: mutual
 * exclusion / the permit count is never exceeded, no item is lost or duplicated, nothing
 * deadlocks (a virtual-time deadline fails the test instead of hanging), and the primitive ends
 * idle with no waiter left behind.
 */
class CancellationStressTest {
    private static final int TASKS = 12;
    private static final int ROUNDS = 6;

    /**
     * Cancels random tasks of {@code victims} at random (virtual) moments for a while, then sets
     * {@code stop}: from then on the survivors must all finish, which a lost wake-up would prevent.
     */
    private static Task<Void> chaos(Random rnd, List<? extends Task<?>> victims, boolean[] stop) {
        return createTask(() -> {
            for (int step = 0; step < 60 && !stop[0]; step++) {
                if (rnd.nextBoolean()) {
                    sleep(0);
                } else {
                    sleep(rnd.nextInt(3) * 0.001);
                }
                if (rnd.nextInt(4) == 0) {
                    victims.get(rnd.nextInt(victims.size())).cancel();
                }
            }
            stop[0] = true;
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void lockKeepsMutualExclusionAndLosesNoWakeUp(int seed) {
        runVoid(() -> timeout(1000.0, () -> {
            Random rnd = new Random(seed);
            Lock lock = new Lock();
            int[] inside = {0};
            int[] completedRounds = {0};
            boolean[] stop = {false};
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                long holdSeed = rnd.nextLong();
                tasks.add(createTask(() -> {
                    Random hold = new Random(holdSeed);
                    for (int r = 0; r < ROUNDS; r++) {
                        try (var held = lock.acquireScope()) {
                            inside[0]++;
                            assertEquals(1, inside[0], "two tasks hold the lock");
                            try {
                                if (hold.nextBoolean()) {
                                    sleep(0);
                                }
                            } finally {
                                inside[0]--;
                            }
                        }
                        completedRounds[0]++;
                        // Cancel someone in the very step the release woke the next waiter.
                        if (!stop[0] && hold.nextInt(4) == 0) {
                            tasks.get(hold.nextInt(tasks.size())).cancel();
                        }
                    }
                    return null;
                }));
            }
            Task<Void> chaos = chaos(rnd, tasks, stop);
            gatherSettled(tasks).await();
            chaos.await();

            for (Task<Void> t : tasks) {
                assertTrue(t.done());
                if (!t.cancelled()) {
                    assertNull(t.exception());
                }
            }
            assertFalse(lock.locked());
            assertEquals(0, lock.waiterCount());
            // The lock still works for a newcomer.
            lock.acquire();
            lock.release();
            return null;
        }));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void semaphoreNeverExceedsItsPermitsAndEndsFull(int seed) {
        runVoid(() -> timeout(1000.0, () -> {
            Random rnd = new Random(seed);
            int permits = 3;
            Semaphore sem = new BoundedSemaphore(permits);
            int[] inside = {0};
            boolean[] stop = {false};
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                long holdSeed = rnd.nextLong();
                tasks.add(createTask(() -> {
                    Random hold = new Random(holdSeed);
                    for (int r = 0; r < ROUNDS; r++) {
                        try (var held = sem.acquireScope()) {
                            inside[0]++;
                            assertTrue(inside[0] <= permits, "more tasks than permits");
                            try {
                                sleep(hold.nextInt(2) * 0.001);
                            } finally {
                                inside[0]--;
                            }
                        }
                        if (!stop[0] && hold.nextInt(4) == 0) {
                            tasks.get(hold.nextInt(tasks.size())).cancel();
                        }
                    }
                    return null;
                }));
            }
            Task<Void> chaos = chaos(rnd, tasks, stop);
            gatherSettled(tasks).await();
            chaos.await();

            assertEquals(permits, sem.value(), "a permit was lost or duplicated");
            assertFalse(sem.locked());
            assertTrue(sem.waiters() == null || sem.waiters().isEmpty());
            return null;
        }));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void queueLosesAndDuplicatesNoItem(int seed) {
        runVoid(() -> timeout(1000.0, () -> {
            Random rnd = new Random(seed);
            Queue<Integer> q = new Queue<>(2);
            Set<Integer> put = new HashSet<>();
            List<Integer> got = new ArrayList<>();
            List<Task<Void>> tasks = new ArrayList<>();
            int producers = TASKS / 2;
            for (int p = 0; p < producers; p++) {
                int base = p * 100;
                tasks.add(createTask(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        q.put(base + r);
                        put.add(base + r);
                    }
                    return null;
                }));
            }
            for (int c = 0; c < TASKS - producers; c++) {
                tasks.add(createTask(() -> {
                    while (true) {
                        got.add(q.get());
                    }
                }));
            }
            boolean[] stop = {false};
            Task<Void> chaos = chaos(rnd, tasks, stop);
            gatherSettled(tasks.subList(0, producers)).await();
            // Drain whatever the surviving consumers have not taken yet, then stop them.
            chaos.await();
            sleep(0.01);
            for (Task<Void> t : tasks) {
                t.cancel();
            }
            gatherSettled(tasks).await();
            while (!q.empty()) {
                got.add(q.getNowait());
            }

            assertEquals(got.size(), new HashSet<>(got).size(), "an item was delivered twice: " + got);
            assertEquals(put, new HashSet<>(got), "an item was lost");
            assertEquals(0, q.getters().size());
            assertEquals(0, q.putters().size());
            return null;
        }));
    }

    /** A consumer cancelled right after a producer's notify() passes the wake-up to the next consumer. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void conditionLosesNoNotification(int seed) {
        runVoid(() -> timeout(1000.0, () -> {
            Random rnd = new Random(seed);
            Condition cond = new Condition();
            int[] items = {0};
            int[] consumed = {0};
            int produced = 40;
            List<Task<Void>> consumers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                consumers.add(createTask(() -> {
                    while (true) {
                        try (var held = cond.acquireScope()) {
                            cond.waitFor(() -> items[0] > 0);
                            items[0]--;
                            consumed[0]++;
                        }
                    }
                }));
            }
            // One consumer is never cancelled, so every item can eventually be consumed.
            Task<Void> survivor = createTask(() -> {
                while (true) {
                    try (var held = cond.acquireScope()) {
                        cond.waitFor(() -> items[0] > 0);
                        items[0]--;
                        consumed[0]++;
                    }
                }
            });
            for (int i = 0; i < produced; i++) {
                try (var held = cond.acquireScope()) {
                    items[0]++;
                    cond.notifyOne();
                    if (rnd.nextInt(3) == 0) {
                        consumers.get(rnd.nextInt(consumers.size())).cancel();
                    }
                }
                if (rnd.nextBoolean()) {
                    sleep(0);
                }
            }
            // Each notifyOne() must reach a consumer, even when its first target was cancelled: no
            // more notifications come, so a lost one leaves an item behind and the deadline fails.
            while (items[0] > 0) {
                sleep(0.001);
            }
            assertEquals(produced, consumed[0]);
            survivor.cancel();
            consumers.forEach(Task::cancel);
            assertThrows(CancelledError.class, survivor::await);
            gatherSettled(consumers).await();
            assertFalse(cond.locked());
            assertTrue(cond.waiters().isEmpty());
            return null;
        }));
    }
}
