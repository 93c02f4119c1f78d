package io.asyncio4j.conformance.ported;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Context;
import io.asyncio4j.ContextVar;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.Task;
import io.asyncio4j.TaskOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ports of CPython 3.13 {@code test_tasks.py} cases not covered by the other task tests. */
@ExtendWith(LoopExtension.class)
class TasksPortTest {
    /** Ports test_tasks.py BaseTaskTests.test_task_class: a task runs on the loop that made it. */
    @Test
    void taskBelongsToItsLoop(EventLoop loop) {
        Task<String> t = loop.createTask(() -> "ok");
        assertEquals("ok", loop.runUntilComplete(t));
        assertTrue(t.done());
        assertEquals("ok", t.result());
        assertSame(loop, t.getLoop());

        try (EventLoop other = Asyncio.newEventLoop()) {
            Task<String> t2 = other.createTask(() -> "ok");
            assertSame(other, t2.getLoop());
            assertEquals("ok", other.runUntilComplete(t2));
        }
    }

    /** Ports test_tasks.py BaseTaskTests.test_coroutine_non_gen_function: a coroutine's return value is its result. */
    @Test
    void coroutineResultIsItsReturnValue(EventLoop loop) {
        assertEquals("test", loop.runUntilComplete(() -> "test"));
    }

    /**
     * Ports test_tasks.py BaseTaskTests.test_coroutine_non_gen_function_return_future: a coroutine
     * may return a future as a plain value; awaiting the coroutine does not await that future.
     */
    @Test
    void coroutineMayReturnAFutureAsAValue(EventLoop loop) {
        Future<Object> fut = loop.createFuture();
        Task<Future<Object>> t1 = loop.createTask(() -> fut);
        Task<Object> t2 = loop.createTask(() -> {
            assertSame(fut, t1.await());
            return "ok";
        });
        fut.setResult("ignored");
        assertEquals("ok", loop.runUntilComplete(t2));
        assertSame(fut, t1.result());
    }

    /** Ports test_tasks.py BaseTaskTests.test_exception_traceback: a task's exception carries where it was raised. */
    @Test
    void taskExceptionKeepsItsStackTrace(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<Integer> task = createTask(TasksPortTest::divide);
            sleep(0);
            Throwable e = task.exception();
            assertInstanceOf(ArithmeticException.class, e);
            assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("divide")),
                    Arrays.toString(e.getStackTrace()));
            return null;
        });
    }

    private static int divide() {
        int zero = 0;
        return 1 / zero;
    }

    /**
     * Ports test_tasks.py BaseTaskTests.test_context_2: a done callback runs in the context of the
     * task that added it, and its own set() does not leak into the task.
     */
    @Test
    void doneCallbackSetsDoNotPolluteTheTask(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        loop.runUntilComplete(() -> {
            assertEquals("nope", cvar.get());
            for (int j = 0; j < 2; j++) {
                Future<Object> fut = getRunningLoop().createFuture();
                fut.addDoneCallback(f -> cvar.set("something else"));
                cvar.set("yes" + j);
                getRunningLoop().callSoon(() -> fut.setResult(null));
                fut.await();
                assertEquals("yes" + j, cvar.get());
                for (int i = 0; i < 3; i++) {
                    cvar.set("yes" + i + "-" + j);
                    sleep(0.001);
                    assertEquals("yes" + i + "-" + j, cvar.get());
                }
            }
            return null;
        });
    }

    /**
     * Ports test_tasks.py BaseTaskTests.test_context_6 (loop.create_task) and test_context_5
     * (asyncio.create_task; in Java a context is given through the loop's createTask): tasks
     * created with an explicit context write into it, and the writes are visible through the
     * context afterwards.
     */
    @Test
    void tasksWriteIntoTheExplicitContext(EventLoop loop) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        List<Integer> ret = loop.runUntilComplete(() -> {
            List<Integer> out = new ArrayList<>();
            Context ctx = Context.copyCurrent();
            out.add(ctx.get(cvar));
            for (int v = 1; v <= 2; v++) {
                int val = v;
                Task<Void> t = getRunningLoop().createTask(() -> {
                    sleep(0);
                    cvar.set(val);
                    return null;
                }, TaskOptions.DEFAULT.withContext(ctx));
                t.await();
                out.add(ctx.get(cvar));
            }
            return out;
        });
        assertEquals(Arrays.asList(null, 1, 2), ret);
    }

    /** Ports test_tasks.py GenericTaskTests.test_future_subclass: a Task is a Future. */
    @Test
    void taskIsAFuture(EventLoop loop) {
        assertTrue(Future.class.isAssignableFrom(Task.class));
        Future<String> asFuture = loop.createTask(() -> "done");
        assertEquals("done", loop.runUntilComplete(asFuture));
        assertFalse(asFuture.cancelled());
    }

    /** Ports test_tasks.py BaseCurrentLoopTests.test_current_task_no_running_loop: no task outside a loop. */
    @Test
    void noCurrentTaskOutsideTheLoop(EventLoop loop) {
        assertNull(Asyncio.currentTask(loop));
    }

    /**
     * Ports test_tasks.py BaseCurrentLoopTests.test_current_task_no_running_loop_implicit: without
     * a loop argument, asking outside a running loop fails as asyncio's RuntimeError.
     */
    @Test
    void currentTaskOutsideARunningLoopFails(EventLoop loop) {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                Asyncio::currentTask);
        assertEquals("no running event loop", e.getMessage());
    }

    /**
     * Ports test_tasks.py BaseCurrentLoopTests.test_current_task_with_implicit_loop: inside a task
     * the current task is that task; once it is done there is none.
     */
    @Test
    void currentTaskIsTheRunningTask(EventLoop loop) {
        Task<?>[] task = new Task<?>[1];
        task[0] = loop.createTask(() -> {
            assertSame(task[0], Asyncio.currentTask());
            return null;
        });
        loop.runUntilComplete(task[0]);
        assertNull(Asyncio.currentTask(loop));
    }

    /** Ports test_tasks.py BaseTaskTests.test_shield_coroutine_use_global_loop: shield() of a coroutine uses the set loop. */
    @Test
    void shieldOfACoroutineUsesTheSetLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        try {
            Future<Integer> outer = Asyncio.shield(() -> 42);
            assertSame(loop, outer.getLoop());
            assertEquals(42, loop.runUntilComplete(outer));
        } finally {
            Asyncio.setEventLoop(null);
        }
    }

    /** Ports test_tasks.py CoroutineGatherTests.test_constructor_use_global_loop: gather() of coroutines uses the set loop. */
    @Test
    void gatherOfCoroutinesUsesTheSetLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        try {
            Future<List<Object>> fut = Asyncio.gather(() -> "abc", () -> "abc");
            assertSame(loop, fut.getLoop());
            assertEquals(List.of("abc", "abc"), loop.runUntilComplete(fut));
        } finally {
            Asyncio.setEventLoop(null);
        }
    }

    /** Ports test_tasks.py CoroutineGatherTests.test_constructor_use_running_loop: inside a task, gather() uses the running loop. */
    @Test
    void gatherOfCoroutinesUsesTheRunningLoop(EventLoop loop) {
        Future<List<Object>> fut = loop.runUntilComplete(() -> Asyncio.gather(() -> "abc", () -> "abc"));
        assertSame(loop, fut.getLoop());
        assertEquals(List.of("abc", "abc"), loop.runUntilComplete(fut));
    }

    /**
     * Ports test_tasks.py FutureGatherTests.test_constructor_empty_sequence_use_global_loop: gather()
     * of nothing is a future of the set loop that completes with an empty list.
     */
    @Test
    void gatherOfNothingUsesTheSetLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        try {
            Future<List<Object>> fut = Asyncio.gather(List.<Future<?>>of(), false);
            assertSame(loop, fut.getLoop());
            loop.runUntilComplete(() -> sleep(0, null));
            assertTrue(fut.done());
            assertEquals(List.of(), fut.result());
        } finally {
            Asyncio.setEventLoop(null);
        }
    }

    /**
     * Ports test_tasks.py BaseTaskTests.test_as_completed_concurrent: the futures asCompleted
     * gives may be awaited concurrently.
     */
    @Test
    void asCompletedFuturesCanBeAwaitedConcurrently(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(0.05, "a"));
            Task<String> b = createTask(() -> sleep(0.05, "b"));
            List<Future<String>> futs = new ArrayList<>();
            Asyncio.asCompleted(List.of(a, b)).forEach(futs::add);
            assertEquals(2, futs.size());
            io.asyncio4j.Done<String> done = Asyncio.wait(futs);
            java.util.Set<String> results = new java.util.HashSet<>();
            done.done().forEach(f -> results.add(f.result()));
            assertEquals(java.util.Set.of("a", "b"), results);
            return null;
        });
    }

    /**
     * Ports test_tasks.py BaseTaskTests.test_as_completed_reverse_wait: the first placeholder
     * awaited gets the first result, even when it is not the first one handed out.
     */
    @Test
    void asCompletedPlaceholdersServeTheFirstAwaitedFirst(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(0.05, "a"));
            Task<String> b = createTask(() -> sleep(0.10, "b"));
            List<io.asyncio4j.Coroutine<String>> futs = Asyncio.asCompletedPlaceholders(List.of(a, b));
            assertEquals(2, futs.size());
            assertEquals("a", futs.get(1).call());
            assertEquals(0.05, getRunningLoop().time(), 1e-9);
            assertEquals("b", futs.get(0).call());
            assertEquals(0.10, getRunningLoop().time(), 1e-9);
            return null;
        });
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_create_named_task_with_custom_factory: a
     * factory that ignores the options still gives the task the name asked for.
     */
    @Test
    void createTaskNamesTheTaskAfterACustomFactory(EventLoop loop) {
        loop.setTaskFactory(new io.asyncio4j.TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop l, io.asyncio4j.Coroutine<T> coro, TaskOptions options) {
                return new Task<>(l, coro, TaskOptions.DEFAULT);
            }
        });
        Task<Object> task = loop.createTask(() -> null, "test_task");
        assertEquals("test_task", task.getName());
        loop.runUntilComplete(task);
    }

    private static final Task<?>[] SELF = new Task<?>[1];

    private static String foo() {
        // the innermost frame of this class in the task's own stack
        for (StackTraceElement f : SELF[0].getStack()) {
            if (f.getClassName().equals(TasksPortTest.class.getName())) {
                return f.getMethodName();
            }
        }
        return null;
    }

    /**
     * Ports test_pep492.py CoroutineTests.test_task_print_stack: a running task's own stack has
     * the coroutine it runs as its newest frame of the caller's code.
     */
    @Test
    void runningTaskStackShowsItsCoroutine(EventLoop loop) {
        String innermost = loop.runUntilComplete(() -> {
            Task<String> t = createTask(TasksPortTest::foo);
            SELF[0] = t;
            return t.await();
        });
        SELF[0] = null;
        assertEquals("foo", innermost);
    }
}
