package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Eager tasks ({@link TaskFactory#eager()}, {@link TaskOptions#withEagerStart(boolean)}): ports of
 * CPython 3.13 {@code test_eager_task_factory.py} EagerTaskFactoryLoopTests.
 */
@ExtendWith(LoopExtension.class)
class EagerTaskTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
        loop.setTaskFactory(TaskFactory.eager());
    }

    /** Ports test_eager_task_factory.py test_eager_task_factory_set. */
    @Test
    void eagerTaskFactorySet() {
        assertNotNull(loop.getTaskFactory());
        Task<Integer> t = loop.runUntilComplete(() -> createTask(() -> 42));
        assertTrue(t.done());
        assertEquals(42, t.result());
        loop.setTaskFactory(null);
        assertNull(loop.getTaskFactory());
    }

    /** Ports test_eager_task_factory.py test_eager_completion: a task that never suspends is done when created. */
    @Test
    void eagerCompletion() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Task<String> t = createTask(() -> {
                log.add("ran");
                return "hello";
            });
            assertTrue(t.done());
            assertEquals("hello", t.result());
            assertFalse(allTasks().contains(t));
            return null;
        });
        assertEquals(List.of("ran"), log);
    }

    /** Ports test_eager_task_factory.py test_block_after_eager_step: the task suspends, then finishes from the loop. */
    @Test
    void blockAfterEagerStep() {
        loop.runUntilComplete(() -> {
            Task<Integer> t = createTask(() -> {
                sleep(0);
                return 1;
            });
            assertFalse(t.done());
            assertEquals(1, t.await());
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_await_future_during_eager_step. */
    @Test
    void awaitFutureDuringEagerStep() {
        loop.runUntilComplete(() -> {
            Future<Void> dep = getRunningLoop().createFuture();
            Task<Integer> t = createTask(() -> {
                dep.await();
                return 2;
            });
            assertFalse(t.done());
            assertSame(dep, t.waitingOn());
            dep.setResult(null);
            assertEquals(2, t.await());
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_cancellation_after_eager_completion. */
    @Test
    void cancellationAfterEagerCompletion() {
        loop.runUntilComplete(() -> {
            Task<Integer> t = createTask(() -> 1);
            assertTrue(t.done());
            assertFalse(t.cancel());
            assertFalse(t.cancelled());
            assertEquals(1, t.result());
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_cancellation_after_eager_step_blocks. */
    @Test
    void cancellationAfterEagerStepBlocks() {
        loop.runUntilComplete(() -> {
            Task<Integer> t = createTask(() -> {
                sleep(0.1);
                return 1;
            });
            assertFalse(t.done());
            assertTrue(t.cancel());
            CancelledError e = assertThrows(CancelledError.class, t::await);
            assertTrue(t.cancelled());
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_current_task: during its eager step, the new task is current. */
    @Test
    void currentTaskDuringEagerStep() {
        loop.runUntilComplete(() -> {
            Task<?> outer = currentTask();
            Task<?>[] seen = new Task<?>[2];
            @SuppressWarnings("unchecked") Task<Void>[] box = new Task[1];
            box[0] = createTask(() -> {
                seen[0] = currentTask();
                sleep(0);
                seen[1] = currentTask();
                return null;
            });
            assertSame(outer, currentTask(), "the creator is current again after the eager step");
            box[0].await();
            assertSame(box[0], seen[0]);
            assertSame(box[0], seen[1]);
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_all_tasks_with_eager_completion / test_all_tasks_with_blocking. */
    @Test
    void allTasksWithEagerCompletionAndBlocking() {
        loop.runUntilComplete(() -> {
            Task<Integer> quick = createTask(() -> 1);
            Task<Integer> blocking = createTask(() -> {
                sleep(0);
                return 2;
            });
            assertFalse(allTasks().contains(quick));
            assertTrue(allTasks().contains(blocking));
            assertTrue(allTasks().contains(currentTask()));
            blocking.await();
            assertFalse(allTasks().contains(blocking));
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_context_vars: the eager step runs in the task's own context copy. */
    @Test
    void contextVars() {
        ContextVar<Integer> cv = new ContextVar<>("cv", 1);
        loop.runUntilComplete(() -> {
            Task<Integer> t = createTask(() -> {
                int before = cv.get();
                cv.set(2);
                sleep(0);
                assertEquals(2, cv.get());
                return before;
            });
            assertEquals(1, cv.get(), "the eager task's set() does not leak into its creator");
            assertEquals(1, t.await());
            assertEquals(1, cv.get());
            return null;
        });
    }

    /**
     * From inside a task, the eager task runs first and nothing else runs in between; from a plain
     * callback it runs synchronously until it suspends. The trace is real asyncio 3.13's for the
     * same program (with asyncio.eager_task_factory).
     */
    @Test
    void eagerInterleavingMatchesAsyncio() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            l.callSoon(() -> log.add("cbX"));
            Task<String> t1 = createTask(() -> child(log, "c"));
            log.add("after c created, done=" + t1.done());
            Task<String> t2 = createTask(() -> {
                log.add("q-quick");
                return "q";
            });
            log.add("after q created, done=" + t2.done());
            l.callSoon(() -> {
                log.add("cb start");
                Task<String> t3 = l.createTask(() -> child(log, "e"));
                log.add("cb end, e done=" + t3.done());
            });
            sleep(0);
            log.add("m1");
            sleep(0);
            log.add("m2");
            t1.await();
            return null;
        });
        assertEquals(List.of("c0", "after c created, done=false", "q-quick", "after q created, done=true", "cbX", "c1",
                "cb start", "e0", "cb end, e done=false", "m1", "e1", "m2"), log);
    }

    private static String child(List<String> log, String n) {
        log.add(n + "0");
        sleep(0);
        log.add(n + "1");
        return n;
    }

    /** TaskOptions.withEagerStart(true) makes one task eager without a factory. */
    @Test
    void eagerStartOption() {
        loop.setTaskFactory(null);
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            Task<Integer> lazy = getRunningLoop().createTask(() -> {
                log.add("lazy");
                return 1;
            });
            Task<Integer> eager = getRunningLoop().createTask(() -> {
                log.add("eager");
                return 2;
            }, TaskOptions.DEFAULT.withEagerStart(true).withName("E"));
            log.add("created");
            assertTrue(eager.done());
            assertFalse(lazy.done());
            assertEquals("E", eager.getName());
            lazy.await();
            return null;
        });
        assertEquals(List.of("eager", "created", "lazy"), log);
    }

    /** An eager task that fails during its eager step is done with that exception. */
    @Test
    void eagerStepException() {
        loop.runUntilComplete(() -> {
            Task<Integer> t = createTask(() -> {
                throw new IllegalStateException("boom");
            });
            assertTrue(t.done());
            assertEquals("boom", t.exception().getMessage());
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_recursive_gather: eager tasks creating eager tasks. */
    @Test
    void recursiveGather() {
        List<Object> r = loop.runUntilComplete(() -> fanOut(3));
        assertEquals(List.of(List.of(List.of(0, 0), List.of(0, 0)), List.of(List.of(0, 0), List.of(0, 0))), r);
    }

    private static List<Object> fanOut(int depth) {
        if (depth == 1) {
            return List.of(0, 0);
        }
        Task<List<Object>> a = createTask(() -> {
            sleep(0);
            return fanOut(depth - 1);
        });
        Task<List<Object>> b = createTask(() -> fanOut(depth - 1));
        return gather(a, b).await();
    }

    /** Nested eager starts (a task eagerly started inside another's eager step) match asyncio 3.13's trace. */
    @Test
    void nestedEagerStartsMatchAsyncio() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            getRunningLoop().callSoon(() -> log.add("cb"));
            Task<Void> a = createTask(() -> {
                log.add("a0");
                Task<Void> g = createTask(() -> {
                    log.add("g0");
                    sleep(0);
                    log.add("g1");
                    return null;
                });
                log.add("a-after-g");
                sleep(0);
                log.add("a1");
                g.await();
                return null;
            });
            log.add("m-after-a");
            a.await();
            log.add("m-end");
            return null;
        });
        // python3.13: ['a0', 'g0', 'a-after-g', 'm-after-a', 'cb', 'g1', 'a1', 'm-end']
        assertEquals(List.of("a0", "g0", "a-after-g", "m-after-a", "cb", "g1", "a1", "m-end"), log);
    }

    /** Ports test_eager_task_factory.py BaseTaskCountingTests.test_recursive_taskgroups (width 5, depth 4). */
    @Test
    void recursiveTaskGroups() {
        int[] bodies = {0};
        loop.runUntilComplete(() -> {
            recursiveTaskGroups(5, 4, bodies);
            return null;
        });
        assertEquals(5 + 25 + 125 + 625, bodies[0]);
        assertTrue(Asyncio.allTasks(loop).isEmpty());
    }

    private static void recursiveTaskGroups(int width, int depth, int[] bodies) {
        if (depth == 0) {
            return;
        }
        TaskGroup.run(tg -> {
            for (int i = 0; i < width; i++) {
                tg.createTask(() -> {
                    bodies[0]++;
                    recursiveTaskGroups(width, depth - 1, bodies);
                    return null;
                });
            }
            return null;
        });
    }

    /** Ports test_eager_task_factory.py test_awaitables_chain: nested awaits of eager tasks. */
    @Test
    void awaitablesChain() {
        assertEquals(100, loop.runUntilComplete(() -> chain(100)));
    }

    private static int chain(int depth) {
        if (depth == 0) {
            return 0;
        }
        return 1 + createTask(() -> chain(depth - 1)).await();
    }

    /** As in asyncio (Task.__init__), eager start needs a running loop: before that the task is scheduled as usual. */
    @Test
    void eagerFactoryBeforeLoopRuns() {
        List<String> log = new ArrayList<>();
        Task<String> t = loop.createTask(() -> {
            log.add("ran");
            return "later";
        });
        assertFalse(t.done());
        assertEquals(List.of(), log);
        assertEquals("later", loop.runUntilComplete(t));
        assertEquals(List.of("ran"), log);
    }

    /** An eager task that cancels itself during its eager step ends cancelled at its first await. */
    @Test
    void cancelDuringEagerStep() {
        loop.runUntilComplete(() -> {
            List<String> log = new ArrayList<>();
            Task<?>[] box = new Task<?>[1];
            Task<Void> t = createTask(() -> {
                currentTask().cancel();
                log.add("before await");
                sleep(1);
                log.add("not reached");
                return null;
            });
            assertFalse(t.done(), "the cancellation is delivered at the await, from the loop");
            assertThrows(CancelledError.class, t::await);
            assertTrue(t.cancelled());
            assertEquals(List.of("before await"), log);
            return null;
        });
        assertEquals(0.0, loop.time(), 1e-9);
    }

    /**
     * A task that cancels itself resumes from the loop, not inline, in both strand modes: the trace
     * is real asyncio 3.13's for the same program (one eager task, one ordinary task).
     */
    @Test
    void selfCancelResumesFromTheLoopAsInAsyncio() {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            Task<Void> t = createTask(() -> {
                currentTask().cancel();
                log.add("before await");
                sleep(1);
                log.add("nr");
                return null;
            });
            log.add("done after create=" + t.done());
            l.setTaskFactory(null);
            Task<Void> t2 = createTask(() -> {
                currentTask().cancel();
                log.add("sc before");
                sleep(1);
                return null;
            });
            sleep(0);
            l.callSoon(() -> log.add("cb"));
            log.add("main after yield");
            try {
                t2.await();
            } catch (CancelledError e) {
                log.add("t2 cancelled");
            }
            try {
                t.await();
            } catch (CancelledError e) {
                log.add("t cancelled");
            }
            return null;
        });
        // python3.13: ['before await', 'done after create=False', 'sc before', 'main after yield', 'cb',
        //              't2 cancelled', 't cancelled']
        assertEquals(List.of("before await", "done after create=false", "sc before", "main after yield", "cb",
                "t2 cancelled", "t cancelled"), log);
    }
}
