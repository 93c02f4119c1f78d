package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_locks.py, class BarrierTests. Every case is
 * ported; {@code async with barrier as i:} is {@code int i = barrier.await();}, and test_barrier
 * keeps its non-Python half (awaiting the barrier object itself is a TypeError of Python's await
 * protocol).
 */
class BarrierTest {
    private static final int N = 5;

    private static <T> List<Task<T>> makeTasks(int n, Coroutine<T> coro) {
        List<Task<T>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(createTask(coro));
        }
        return tasks;
    }

    private static <T> List<T> gatherTasks(int n, Coroutine<T> coro) {
        return gather(makeTasks(n, coro)).await();
    }

    /** Ports test_locks.py BarrierTests.test_barrier. */
    @Test
    void testBarrier() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(barrier.toString().contains("filling"));
        });
    }

    /** Ports test_locks.py BarrierTests.test_repr. */
    @Test
    void testRepr() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            assertTrue(matchesRepr(barrier), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));

            List<Task<Integer>> waiters = new ArrayList<>();
            int incr = 2;
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep(0);

            assertTrue(matchesRepr(barrier));
            assertTrue(barrier.toString().contains("waiters:" + incr + "/" + N), barrier.toString());
            assertTrue(barrier.toString().contains("filling"));

            // create missing waiters
            for (int i = 0, missing = barrier.parties() - barrier.nWaiting(); i < missing; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep(0);

            assertTrue(matchesRepr(barrier));
            assertTrue(barrier.toString().contains("draining"), barrier.toString());

            // add a part of waiters
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep(0);
            // and reset
            barrier.reset();

            assertTrue(matchesRepr(barrier));
            assertTrue(barrier.toString().contains("resetting"), barrier.toString());

            // add a part of waiters again
            for (int i = 0; i < incr; i++) {
                waiters.add(createTask(barrier::await));
            }
            sleep(0);
            // and abort
            barrier.abort();

            assertTrue(matchesRepr(barrier));
            assertTrue(barrier.toString().contains("broken"));
            assertTrue(barrier.broken());

            // suppress unhandled exceptions
            gatherSettled(waiters).await();
        });
    }

    /** Ports test_locks.py BarrierTests.test_barrier_parties. */
    @Test
    void testBarrierParties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(N, new Barrier(N).parties());
    }

    /** Ports test_locks.py BarrierTests.test_context_manager. */
    @Test
    void testContextManager() {
        runVoid(() -> {
            int n = 3;
            Barrier barrier = new Barrier(n);
            List<Integer> results = new ArrayList<>();

            gatherTasks(n, () -> {
                int i = barrier.await();
                results.add(i);
                return null;
            });

            Collections.sort(results);
            assertEquals(List.of(0, 1, 2), results);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_one_task. */
    @Test
    void testFillingOneTask() {
        runVoid(() -> {
            Barrier barrier = new Barrier(1);
            int i = barrier.await();
            assertEquals(0, i);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_one_task_twice. */
    @Test
    void testFillingOneTaskTwice() {
        runVoid(() -> {
            Barrier barrier = new Barrier(1);

            Task<Integer> t1 = createTask(barrier::await);
            sleep(0);
            assertEquals(0, barrier.nWaiting());

            Task<Integer> t2 = createTask(barrier::await);
            sleep(0);

            assertEquals(t1.result(), t2.result());
            assertEquals(t1.done(), t2.done());

            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_task_by_task. */
    @Test
    void testFillingTaskByTask() {
        runVoid(() -> {
            Barrier barrier = new Barrier(3);

            Task<Integer> t1 = createTask(barrier::await);
            sleep(0);
            assertEquals(1, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));

            Task<Integer> t2 = createTask(barrier::await);
            sleep(0);
            assertEquals(2, barrier.nWaiting());
            assertTrue(barrier.toString().contains("filling"));

            Task<Integer> t3 = createTask(barrier::await);
            sleep(0);

            io.asyncio4j.Asyncio.wait(List.of(t1, t2, t3));

            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_tasks_wait_twice. */
    @Test
    void testFillingTasksWaitTwice() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();

            gatherTasks(N, () -> {
                barrier.await();
                results.add(true);
                barrier.await();
                results.add(false);
                return null;
            });

            assertEquals(N * 2, results.size());
            assertEquals(N, Collections.frequency(results, true));
            assertEquals(N, Collections.frequency(results, false));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_tasks_check_return_value. */
    @Test
    void testFillingTasksCheckReturnValue() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();

            List<Integer> res = new ArrayList<>(gatherTasks(N, () -> {
                barrier.await();
                results1.add(true);
                int i = barrier.await();
                results2.add(true);
                return i;
            }));

            assertEquals(N, results1.size());
            assertEquals(N, results2.size());
            Collections.sort(res);
            assertEquals(IntStream.range(0, N).boxed().toList(), res);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_draining_state. */
    @Test
    void testDrainingState() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();

            gatherTasks(N, () -> {
                barrier.await();
                // barrier state change to filling for the last task release
                results.add(barrier.toString().contains("draining"));
                return null;
            });

            assertEquals(N, results.size());
            assertFalse(results.get(N - 1));
            assertTrue(results.subList(0, N - 1).stream().allMatch(b -> b));
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_blocking_tasks_while_draining. */
    @Test
    void testBlockingTasksWhileDraining() {
        runVoid(() -> {
            int rewait = 2;
            Barrier barrier = new Barrier(N);
            Barrier barrierNowaiting = new Barrier(N - rewait);
            int[] rewaitN = {rewait};

            // a success means that barrierNowaiting was waited for exactly N-rewait=3 times
            gatherTasks(N, () -> {
                // first time waiting
                barrier.await();
                // after waiting once for all tasks
                if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    // wait again only for rewait tasks
                    barrier.await();
                } else {
                    // wait for end of draining state
                    barrierNowaiting.await();
                    // wait for other waiting tasks
                    barrier.await();
                }
                return null;
            });
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_filling_tasks_cancel_one. */
    @Test
    void testFillingTasksCancelOne() {
        runVoid(() -> {
            int n = 3;
            Barrier barrier = new Barrier(n);
            List<Boolean> results = new ArrayList<>();
            Coroutine<Void> coro = () -> {
                barrier.await();
                results.add(true);
                return null;
            };

            Task<Void> t1 = createTask(coro);
            sleep(0);
            assertEquals(1, barrier.nWaiting());

            Task<Void> t2 = createTask(coro);
            sleep(0);
            assertEquals(2, barrier.nWaiting());

            t1.cancel();
            sleep(0);
            assertEquals(1, barrier.nWaiting());
            assertThrows(CancelledError.class, t1::await);
            assertTrue(t1.cancelled());

            Task<Void> t3 = createTask(coro);
            sleep(0);
            assertEquals(2, barrier.nWaiting());

            Task<Void> t4 = createTask(coro);
            gather(t2, t3, t4).await();

            assertEquals(n, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier. */
    @Test
    void testResetBarrier() {
        runVoid(() -> {
            Barrier barrier = new Barrier(1);

            createTask(Coroutine.of(barrier::reset));
            sleep(0);

            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier_while_tasks_waiting. */
    @Test
    void testResetBarrierWhileTasksWaiting() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results = new ArrayList<>();

            // N-1 tasks waiting on barrier with N parties
            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierError e) {
                    results.add(true);
                }
                return null;
            });
            sleep(0);

            // reset the barrier
            createTask(Coroutine.of(barrier::reset));
            gather(tasks).await();

            assertEquals(N - 1, results.size());
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier_when_tasks_half_draining. */
    @Test
    void testResetBarrierWhenTasksHalfDraining() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            int restOfTasks = N / 2;

            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierError e) {
                    // catch here waiting tasks
                    results1.add(true);
                    return null;
                }
                // here drained task outside the barrier
                if (restOfTasks == barrier.count()) {
                    // tasks outside the barrier
                    barrier.reset();
                }
                return null;
            });

            assertEquals(Collections.nCopies(restOfTasks, true), results1);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking. */
    @Test
    void testResetBarrierWhenTasksHalfDrainingHalfBlocking() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};

            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierError e) {
                    // here catch still waiting tasks
                    results1.add(true);
                    // so now waiting again to reach nb_parties
                    barrier.await();
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    // reset now: raise BrokenBarrierError for waiting tasks
                    barrier.reset();
                    // so now waiting again to reach nb_parties
                    barrier.await();
                } else {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        // here no catch - blocked tasks go to wait
                        results2.add(true);
                    }
                }
                return null;
            });

            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(List.of(), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
            assertFalse(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again. */
    @Test
    void testResetBarrierWhileTasksWaitingAndWaitingAgain() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();

            List<Task<Void>> tasks = makeTasks(N - 1, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierError e) {
                    results1.add(true);
                } finally {
                    barrier.await();
                    results2.add(true);
                }
                return null;
            });

            // reset barrier, N-1 waiting tasks raise a BrokenBarrierError
            createTask(Coroutine.of(barrier::reset));
            sleep(0);

            // complete waiting tasks in the `finally`
            createTask(() -> {
                barrier.await();
                results2.add(true);
                return null;
            });

            gather(tasks).await();

            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(N, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Ports test_locks.py BarrierTests.test_reset_barrier_while_tasks_draining. */
    @Test
    void testResetBarrierWhileTasksDraining() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();
            int[] count = {0};

            gatherTasks(N, () -> {
                barrier.await();
                count[0]++;
                if (count[0] == N) {
                    // last task exited from barrier
                    barrier.reset();
                    // wait here to reach the `parties`
                    barrier.await();
                } else {
                    try {
                        // second waiting
                        barrier.await();
                        // N-1 tasks here
                        results1.add(true);
                    } catch (CancelledError e) {
                        throw e;
                    } catch (Exception e) {
                        // never goes here
                        results2.add(true);
                    }
                }
                // Now, pass the barrier again; last wait, must be completed
                barrier.await();
                results3.add(true);
                return null;
            });

            assertFalse(barrier.broken());
            assertEquals(N - 1, results1.size());
            assertEquals(0, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Ports test_locks.py BarrierTests.test_abort_barrier. */
    @Test
    void testAbortBarrier() {
        runVoid(() -> {
            Barrier barrier = new Barrier(1);

            createTask(Coroutine.of(barrier::abort));
            sleep(0);

            assertEquals(0, barrier.nWaiting());
            assertTrue(barrier.broken());
        });
    }

    /** Ports test_locks.py BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking. */
    @Test
    void testAbortBarrierWhenTasksHalfDrainingHalfBlocking() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            int blockingTasks = N / 2;
            int[] count = {0};

            gatherTasks(N, () -> {
                try {
                    barrier.await();
                } catch (BrokenBarrierError e) {
                    // here catch tasks waiting to drain
                    results1.add(true);
                    return null;
                }
                count[0]++;
                if (count[0] > blockingTasks) {
                    // abort now: raise BrokenBarrierError for all tasks
                    barrier.abort();
                } else {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierError e) {
                        // here catch blocked tasks (already drained)
                        results2.add(true);
                    }
                }
                return null;
            });

            assertTrue(barrier.broken());
            assertEquals(Collections.nCopies(blockingTasks, true), results1);
            assertEquals(Collections.nCopies(N - blockingTasks - 1, true), results2);
            assertEquals(0, barrier.nWaiting());
            assertFalse(barrier.toString().contains("resetting"));
        });
    }

    /** Ports test_locks.py BarrierTests.test_abort_barrier_when_exception (from threading's lock_tests, its reset case). */
    @Test
    void testAbortBarrierWhenException() {
        runVoid(() -> {
            Barrier barrier = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();

            gatherTasks(N, () -> {
                try {
                    int i = barrier.await();
                    if (i == N / 2) {
                        throw new IllegalStateException("boom");
                    }
                    barrier.await();
                    results1.add(true);
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort();
                }
                return null;
            });

            assertTrue(barrier.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(0, barrier.nWaiting());
        });
    }

    /** Ports test_locks.py BarrierTests.test_abort_barrier_when_exception_then_resetting (from threading's lock_tests, its abort-and-reset case). */
    @Test
    void testAbortBarrierWhenExceptionThenResetting() {
        runVoid(() -> {
            Barrier barrier1 = new Barrier(N);
            Barrier barrier2 = new Barrier(N);
            List<Boolean> results1 = new ArrayList<>();
            List<Boolean> results2 = new ArrayList<>();
            List<Boolean> results3 = new ArrayList<>();

            gatherTasks(N, () -> {
                try {
                    int i = barrier1.await();
                    if (i == N / 2) {
                        throw new IllegalStateException("boom");
                    }
                    barrier1.await();
                    results1.add(true);
                } catch (BrokenBarrierError e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier1.abort();
                }

                // Synchronize and reset the barrier. Must synchronize first so that everyone has
                // left it when we reset, and after so that no one enters it before the reset.
                int i = barrier2.await();
                if (i == N / 2) {
                    barrier1.reset();
                }
                barrier2.await();
                barrier1.await();
                results3.add(true);
                return null;
            });

            assertFalse(barrier1.broken());
            assertEquals(0, results1.size());
            assertEquals(N - 1, results2.size());
            assertEquals(N, results3.size());
            assertEquals(0, barrier1.nWaiting());
        });
    }
}
