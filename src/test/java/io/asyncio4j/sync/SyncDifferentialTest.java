package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import io.asyncio4j.PythonTraces;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Differential check of the sync package against CPython: every scenario of
 * {@code differential/sync_scenarios.py} runs in real asyncio and its Java twin below runs on the
 * virtual-time loop; the event traces (who holds, who wakes, in which order, with which error)
 * must be identical. Skips with a message when CPython 3.13+ (needed for Queue.shutdown) is
 * missing.
 */
class SyncDifferentialTest {
    private interface Scenario {
        void run(Consumer<String> log) throws Exception;
    }

    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        ALL.put("lock_fifo_with_cancellations", SyncDifferentialTest::lockFifoWithCancellations);
        ALL.put("semaphore_fifo", SyncDifferentialTest::semaphoreFifo);
        ALL.put("condition_notify_order", SyncDifferentialTest::conditionNotifyOrder);
        ALL.put("event_wake_order", SyncDifferentialTest::eventWakeOrder);
        ALL.put("queue_producers_consumers", SyncDifferentialTest::queueProducersConsumers);
        ALL.put("queue_shutdown", SyncDifferentialTest::queueShutdown);
        ALL.put("lifo_and_priority_with_waiting_getters", SyncDifferentialTest::lifoAndPriorityWithWaitingGetters);
        ALL.put("barrier_rounds_reset_abort", SyncDifferentialTest::barrierRoundsResetAbort);
    }

    @TestFactory
    Stream<DynamicTest> javaTracesMatchCPython() throws Exception {
        Map<String, List<String>> python = PythonTraces.run("/differential/sync_scenarios.py", 13);
        assertEquals(List.copyOf(ALL.keySet()), List.copyOf(python.keySet()),
                "sync_scenarios.py and SyncDifferentialTest must list the same scenarios in the same order");
        return ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> trace = new ArrayList<>();
            // The deadline turns a lost wake-up (an idle, stuck loop) into a failure instead of a hang.
            VirtualTimeLoop.run(() -> timeout(SyncTesting.DEADLINE, () -> {
                e.getValue().run(trace::add);
                return null;
            }));
            assertEquals(String.join("\n", python.get(e.getKey())), String.join("\n", trace),
                    "trace of scenario " + e.getKey() + " differs from CPython's");
        }));
    }

    private static void lockFifoWithCancellations(Consumer<String> log) {
        Lock lock = new Lock();
        lock.acquire();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try (var held = lock.acquireScope()) {
                    log.accept("w" + n + " holds");
                    sleep(0);
                    log.accept("w" + n + " releases");
                } catch (CancelledError e) {
                    log.accept("w" + n + " cancelled");
                    throw e;
                }
                return null;
            }));
        }
        sleep(0);
        tasks.get(1).cancel();
        lock.release();
        tasks.get(0).cancel(); // woken by release() and cancelled before it runs: passes the lock on
        gatherSettled(tasks).await();
        log.accept("locked=" + py(lock.locked()));
    }

    private static void semaphoreFifo(Consumer<String> log) {
        Semaphore sem = new Semaphore(2);
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try (var held = sem.acquireScope()) {
                    log.accept("w" + n + " in");
                    sleep(0);
                    sleep(0);
                    log.accept("w" + n + " out");
                } catch (CancelledError e) {
                    log.accept("w" + n + " cancelled");
                    throw e;
                }
                return null;
            }));
        }
        sleep(0);
        tasks.get(3).cancel();
        sleep(0);
        sleep(0);
        tasks.get(2).cancel();
        gatherSettled(tasks).await();
        log.accept("locked=" + py(sem.locked()));
    }

    private static void conditionNotifyOrder(Consumer<String> log) {
        Condition cond = new Condition();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try (var held = cond.acquireScope()) {
                    log.accept("w" + n + " waits");
                    cond.await();
                    log.accept("w" + n + " woke");
                }
                return null;
            }));
        }
        sleep(0);
        try (var held = cond.acquireScope()) {
            cond.notify(2);
            log.accept("notified 2");
        }
        sleep(0);
        tasks.get(2).cancel();
        try (var held = cond.acquireScope()) {
            cond.notifyOne();
            log.accept("notified 1");
        }
        sleep(0);
        try (var held = cond.acquireScope()) {
            cond.notifyAllWaiters();
            log.accept("notified all");
        }
        List<Object> results = gatherSettled(tasks).await();
        List<String> shown = new ArrayList<>();
        for (Object r : results) {
            shown.add(r instanceof Throwable t ? "'" + t.getClass().getSimpleName() + "'" : "None");
        }
        log.accept("results=[" + String.join(", ", shown) + "]");
    }

    private static void eventWakeOrder(Consumer<String> log) {
        Event ev = new Event();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            if (i == 3) {
                sleep(0);
            }
            tasks.add(createTask(() -> {
                ev.await();
                log.accept("w" + n + " saw the event");
                return null;
            }));
        }
        ev.set();
        ev.clear();
        log.accept("is_set=" + py(ev.isSet()));
        sleep(0);
        log.accept("late done=" + py(tasks.get(3).done()));
        ev.set();
        gather(tasks).await();
    }

    private static void queueProducersConsumers(Consumer<String> log) {
        Queue<String> q = new Queue<>(2);
        List<Task<Void>> producers = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            int n = p;
            producers.add(createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put("p" + n + "-" + i);
                    log.accept("p" + n + " put " + i);
                }
                return null;
            }));
        }
        List<Task<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int n = c;
            consumers.add(createTask(() -> {
                while (true) {
                    String item = q.get();
                    log.accept("c" + n + " got " + item);
                    q.taskDone();
                    sleep(0);
                }
            }));
        }
        gather(producers).await();
        q.join();
        log.accept("joined");
        consumers.forEach(Task::cancel);
        gatherSettled(consumers).await();
    }

    private static void queueShutdown(Consumer<String> log) {
        Queue<Integer> q = new Queue<>(1);
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try {
                    log.accept("g" + n + " got " + q.get());
                } catch (QueueShutDown e) {
                    log.accept("g" + n + " QueueShutDown");
                }
                return null;
            }));
        }
        sleep(0);
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(createTask(() -> {
                try {
                    q.put(n);
                    log.accept("p" + n + " put");
                } catch (QueueShutDown e) {
                    log.accept("p" + n + " QueueShutDown");
                }
                return null;
            }));
        }
        sleep(0);
        log.accept("qsize=" + q.qsize());
        q.shutdown();
        gather(tasks).await();
        log.accept("qsize=" + q.qsize());
        for (int i = 0; i < 2; i++) {
            try {
                log.accept("get_nowait " + q.getNowait());
            } catch (QueueShutDown e) {
                log.accept("get_nowait QueueShutDown");
            }
        }
        Queue<Integer> q2 = new Queue<>();
        for (int i = 0; i < 3; i++) {
            q2.putNowait(i);
        }
        Task<Void> joiner = createTask(() -> {
            q2.join();
            return null;
        });
        q2.getNowait();
        q2.shutdown(true);
        sleep(0);
        log.accept("join done=" + py(joiner.done()) + " qsize=" + q2.qsize());
        q2.taskDone();
        sleep(0);
        log.accept("join done=" + py(joiner.done()));
    }

    private static void lifoAndPriorityWithWaitingGetters(Consumer<String> log) {
        for (Queue<Integer> q : List.<Queue<Integer>>of(new LifoQueue<>(), new PriorityQueue<>())) {
            String cls = q.getClass().getSimpleName();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                tasks.add(createTask(() -> {
                    log.accept(cls + " g" + n + " got " + q.get());
                    return null;
                }));
            }
            sleep(0);
            for (int item : new int[] {5, 1, 3, 2}) {
                q.putNowait(item);
            }
            gather(tasks).await();
            log.accept(cls + " then " + q.getNowait() + " " + q.getNowait());
        }
    }

    private static void barrierRoundsResetAbort(Consumer<String> log) {
        Barrier b = new Barrier(3);
        io.asyncio4j.Coroutine<Void>[] party = partyOf(b, log);
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(createTask(party[i]));
        }
        gather(tasks).await();
        log.accept("n_waiting=" + b.nWaiting() + " broken=" + py(b.broken()));

        List<Task<Void>> waiting = List.of(createTask(party[0]), createTask(party[1]));
        sleep(0);
        log.accept("n_waiting=" + b.nWaiting());
        b.reset();
        gather(waiting).await();
        waiting = List.of(createTask(party[0]), createTask(party[1]));
        sleep(0);
        b.abort();
        gather(waiting).await();
        log.accept("broken=" + py(b.broken()));
    }

    @SuppressWarnings("unchecked")
    private static io.asyncio4j.Coroutine<Void>[] partyOf(Barrier b, Consumer<String> log) {
        io.asyncio4j.Coroutine<Void>[] party = new io.asyncio4j.Coroutine[3];
        for (int i = 0; i < 3; i++) {
            int n = i;
            party[i] = () -> {
                try {
                    for (int r = 0; r < 2; r++) {
                        int idx = b.await();
                        log.accept("t" + n + " round " + r + " index " + idx);
                    }
                } catch (BrokenBarrierError e) {
                    log.accept("t" + n + " BrokenBarrierError");
                }
                return null;
            };
        }
        return party;
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
