package io.asyncio4j;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Asyncio#runCoroutineThreadsafe}: ports of CPython 3.13 {@code test_tasks.py}
 * RunCoroutineThreadsafeTests. The loop runs forever on its own thread; the test thread submits.
 * The {@code get} timeouts are safety nets only: every wait is for a real signal.
 */
class RunCoroutineThreadsafeTest {
    private static final long SAFETY_SECONDS = 30;

    private EventLoop loop;
    private Thread loopThread;
    private final List<Map<String, Object>> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        loop = VirtualTimeLoop.create();
        loop.setExceptionHandler((l, context) -> handled.add(context));
        loopThread = new Thread(loop::runForever, "test-loop");
        loopThread.start();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        loop.callSoonThreadsafe(loop::stop);
        loopThread.join(TimeUnit.SECONDS.toMillis(SAFETY_SECONDS));
        assertFalse(loopThread.isAlive());
        loop.close();
    }

    /** RunCoroutineThreadsafeTests.add: sleeps, then adds (or fails, or cancels itself). */
    private static Coroutine<Integer> add(int a, int b, boolean fail, boolean cancel) {
        return () -> {
            sleep(0.05);
            if (fail) {
                throw new IllegalStateException("Fail!");
            }
            if (cancel) {
                currentTask().cancel();
                sleep(0);
            }
            return a + b;
        };
    }

    /** Ports test_tasks.py test_run_coroutine_threadsafe. */
    @Test
    void runCoroutineThreadsafe() throws Exception {
        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(add(1, 2, false, false), loop);
        assertEquals(3, f.get(SAFETY_SECONDS, TimeUnit.SECONDS));
    }

    /** Ports test_tasks.py test_run_coroutine_threadsafe_with_exception. */
    @Test
    void runCoroutineThreadsafeWithException() {
        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(add(1, 2, true, false), loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("Fail!", e.getCause().getMessage());
    }

    /**
     * Ports test_tasks.py test_run_coroutine_threadsafe_with_timeout: cancelling the returned future
     * (as the caller does after its own timeout) cancels the task on the loop.
     */
    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {
        CompletableFuture<Task<?>> started = new CompletableFuture<>();
        CompletableFuture<String> sawCancel = new CompletableFuture<>();
        CompletableFuture<Void> f = Asyncio.runCoroutineThreadsafe(() -> {
            started.complete(currentTask());
            try {
                getRunningLoop().<Void>createFuture().await();
            } catch (CancelledError e) {
                sawCancel.complete("cancelled");
                throw e;
            }
            return null;
        }, loop);
        Task<?> task = started.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertTrue(f.cancel(true));
        assertEquals("cancelled", sawCancel.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> done.complete(task.cancelled()));
        assertTrue(done.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, f::join);
        CompletableFuture<Set<Task<?>>> remaining = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> remaining.complete(Asyncio.allTasks(loop)));
        assertEquals(Set.of(), remaining.get(SAFETY_SECONDS, TimeUnit.SECONDS), "no pending task is left");
    }

    /** Ports test_tasks.py test_run_coroutine_threadsafe_task_cancelled: a task cancelled on the loop cancels the future. */
    @Test
    void runCoroutineThreadsafeTaskCancelled() {
        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(add(1, 2, false, true), loop);
        assertThrows(CancellationException.class, () -> f.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        assertTrue(f.isCancelled());
    }

    /** Ports test_tasks.py test_run_coroutine_threadsafe_task_factory_exception: the factory's error reaches both sides. */
    @Test
    void runCoroutineThreadsafeTaskFactoryException() throws Exception {
        IllegalStateException broken = new IllegalStateException("NameError");
        CompletableFuture<Void> set = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            loop.setTaskFactory(new TaskFactory() {
                @Override
                public <T> Task<T> create(EventLoop l, Coroutine<T> coro, TaskOptions options) {
                    throw broken;
                }
            });
            set.complete(null);
        });
        set.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(() -> 1, loop);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(SAFETY_SECONDS, TimeUnit.SECONDS));
        assertSame(broken, e.getCause());
        CompletableFuture<Void> reset = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            loop.setTaskFactory(null);
            reset.complete(null);
        });
        reset.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertEquals(1, handled.size(), "the loop's exception handler is told too, as in asyncio");
        assertSame(broken, handled.get(0).get("exception"));
    }

    /** A future cancelled before the loop got to it never starts the coroutine. */
    @Test
    void cancelledBeforeStartNeverRuns() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<Void> blocker = new CompletableFuture<>();
        // Keep the loop busy in a callback until the submission below is cancelled.
        loop.callSoonThreadsafe(() -> {
            blocker.complete(null);
            holdTheLoop(gate);
        });
        blocker.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        boolean[] ran = {false};
        CompletableFuture<Integer> f = Asyncio.runCoroutineThreadsafe(() -> {
            ran[0] = true;
            return 1;
        }, loop);
        assertTrue(f.cancel(false));
        gate.complete(null);
        CompletableFuture<Void> after = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> loop.callSoon(() -> after.complete(null)));
        after.get(SAFETY_SECONDS, TimeUnit.SECONDS);
        assertFalse(ran[0]);
    }

    /**
     * Blocks the loop on purpose (to order a cancellation before the loop's next step); allowed
     * by name in the BlockHound profile (reliability.TestBlockingAllowances).
     */
    static void holdTheLoop(CompletableFuture<Void> gate) {
        gate.join();
    }
}
