package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * runInExecutor, the default executor and toThread: ports test_events.py
 * EventLoopTestsMixin.test_run_in_executor*, test_base_events.py test_set_default_executor and
 * test_threads.py ToThreadTests.
 */
@ExtendWith(LoopExtension.class)
class ExecutorTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);

    /** Ports test_events.py EventLoopTestsMixin.test_run_in_executor. */
    @Test
    void runInExecutor(EventLoop loop) {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        Future<String> f = loop.runInExecutor(null, () -> {
            ranOn[0] = Thread.currentThread();
            return "yo";
        });
        assertEquals("yo", assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(f)));
        assertNotSame(caller, ranOn[0]);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_in_executor: an exception reaches the future. */
    @Test
    void runInExecutorException(EventLoop loop) {
        Future<String> f = loop.runInExecutor(null, () -> {
            throw new java.io.IOException("disk");
        });
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(f)));
        assertEquals("disk", e.getMessage());
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_in_executor_cancel: cancelled before it starts, it never runs. */
    @Test
    void runInExecutorCancelBeforeStart(EventLoop loop) {
        BlockingQueue<Runnable> queued = new ArrayBlockingQueue<>(1);
        AtomicInteger calls = new AtomicInteger();
        Future<Integer> f = loop.runInExecutor(queued::add, calls::incrementAndGet);
        assertTrue(f.cancel());
        // As in asyncio (futures._chain_future), the cancellation reaches the work through a
        // done callback, i.e. on the loop's next iteration.
        loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return null;
        });
        queued.remove().run();
        assertEquals(0, calls.get());
        assertTrue(f.cancelled());
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_in_executor_cancel: cancelled while running, the result is dropped. */
    @Test
    void runInExecutorCancelWhileRunning(EventLoop loop) throws Exception {
        BlockingQueue<Runnable> queued = new ArrayBlockingQueue<>(1);
        Future<Integer> f = loop.runInExecutor(queued::add, () -> 5);
        Runnable work = queued.remove();
        Thread t = new Thread(work);
        t.start();
        t.join();
        f.cancel();
        loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return null;
        });
        assertTrue(f.cancelled());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_set_default_executor; close() shuts it down. */
    @Test
    void setDefaultExecutor(EventLoop loop) {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
        loop.setDefaultExecutor(ex);
        String name = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(
                loop.runInExecutor(null, () -> Thread.currentThread().getName())));
        assertEquals("my-executor", name);
        String viaToThread = loop.runUntilComplete(() -> Asyncio.toThread(() -> Thread.currentThread().getName()));
        assertEquals("my-executor", viaToThread);
        loop.close();
        assertTrue(ex.isShutdown());
    }

    /** Ports test_base_events.py test_close: the default executor's threads end when the loop closes. */
    @Test
    void defaultExecutorIsShutDownOnClose(EventLoop loop) throws Exception {
        Thread worker = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(
                loop.runInExecutor(null, Thread::currentThread)));
        assertTrue(worker.isDaemon());
        loop.close();
        worker.join(SAFETY.toMillis());
        assertFalse(worker.isAlive(), "the default executor's thread survived close()");
    }

    /** loop.shutdown_default_executor(). */
    @Test
    void shutdownDefaultExecutor(EventLoop loop) {
        loop.runUntilComplete(loop.runInExecutor(null, () -> 1));
        Future<Void> done = loop.shutdownDefaultExecutor();
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(done));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> 1));
        assertEquals("Executor shutdown has been called", e.getMessage());
        // An explicit executor still works.
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            assertEquals(2, assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(loop.runInExecutor(ex, () -> 2))));
        } finally {
            ex.shutdownNow();
        }
    }

    /** Ports test_threads.py ToThreadTests.test_to_thread. */
    @Test
    void toThread(EventLoop loop) {
        Thread caller = Thread.currentThread();
        Thread ran = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() ->
                Asyncio.toThread(Thread::currentThread)));
        assertNotSame(caller, ran);
    }

    /** Ports test_threads.py ToThreadTests.test_to_thread_exception. */
    @Test
    void toThreadException(EventLoop loop) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() ->
                Asyncio.toThread(() -> {
                    throw new IllegalArgumentException("bad");
                })));
        assertEquals("bad", e.getMessage());
    }

    /** Ports test_threads.py ToThreadTests.test_to_thread_once. */
    @Test
    void toThreadRunsOnce(EventLoop loop) {
        AtomicInteger calls = new AtomicInteger();
        loop.runUntilComplete(() -> Asyncio.toThread(calls::incrementAndGet));
        assertEquals(1, calls.get());
    }

    /** Ports test_threads.py ToThreadTests.test_to_thread_concurrent and test_to_thread_args_kwargs. */
    @Test
    void toThreadConcurrent(EventLoop loop) {
        AtomicInteger calls = new AtomicInteger();
        List<Object> results = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int arg = i;
                tasks.add(Asyncio.createTask(() -> Asyncio.toThread(() -> {
                    calls.incrementAndGet();
                    return arg * 2;
                })));
            }
            return new ArrayList<Object>(Asyncio.gather(tasks).await());
        }));
        assertEquals(10, calls.get());
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 2, results.get(i));
        }
    }

    /** Ports test_threads.py ToThreadTests.test_to_thread_contextvars. */
    @Test
    void toThreadCopiesTheContext(EventLoop loop) {
        ContextVar<String> testCtx = new ContextVar<>("test_ctx");
        String r = loop.runUntilComplete(() -> {
            testCtx.set("parrot");
            return Asyncio.toThread(testCtx::get);
        });
        assertEquals("parrot", r);
    }

    /** toThread cancelled while the thread works: the task is cancelled, the late result is dropped. */
    @Test
    void toThreadCancelled(EventLoop loop) throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Task<String> t = loop.createTask(() -> Asyncio.toThread(() -> {
            started.countDown();
            release.await(SAFETY.toSeconds(), TimeUnit.SECONDS);
            return "late";
        }));
        loop.runUntilComplete(() -> {
            Asyncio.toThread(() -> started.await(SAFETY.toSeconds(), TimeUnit.SECONDS));
            t.cancel();
            release.countDown();
            return null;
        });
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
        assertTrue(t.cancelled());
    }

    /** Checks runInExecutor refuses a null callable clearly. */
    @Test
    void runInExecutorRejectsNull(EventLoop loop) {
        assertThrows(NullPointerException.class, () -> loop.runInExecutor(null, null));
    }

    /** Ports asyncio's get_running_loop() contract: the worker thread of toThread runs no loop. */
    @Test
    void noRunningLoopInsideToThread(EventLoop loop) {
        String msg = loop.runUntilComplete(() -> Asyncio.toThread(() ->
                assertThrows(IllegalStateException.class, Asyncio::getRunningLoop).getMessage()));
        assertEquals("no running event loop", msg);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_run_in_executor: run_in_executor does not copy the context (to_thread does). */
    @Test
    void runInExecutorDoesNotCopyTheContext(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "unset");
        String r = loop.runUntilComplete(() -> {
            cvar.set("task");
            return loop.runInExecutor(null, cvar::get).await();
        });
        assertEquals("unset", r);
    }

    /**
     * The virtual clock does not jump to a pending timer while work handed to a thread is still
     * running (VirtualClock's contract): the work's result arrives at virtual time 0, before the
     * one-hour timer, however long the work takes in real time; and once the work is over the
     * clock jumps at once (it used to stall in a real-time select for the whole timer delay when
     * the work's thread finished just after delivering its result).
     */
    @Test
    void virtualClockDoesNotJumpWhileExecutorWorkRuns(EventLoop loop) {
        java.util.concurrent.CountDownLatch nobody = new java.util.concurrent.CountDownLatch(1);
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() -> {
            Task<Double> timer = Asyncio.createTask(() -> {
                Asyncio.sleep(3600);
                return loop.time();
            });
            Asyncio.sleep(0);
            for (int i = 0; i < 5; i++) {
                // Stands for 20 ms of blocking work; nothing releases the latch.
                boolean released = loop.runInExecutor(null, () -> nobody.await(20, TimeUnit.MILLISECONDS)).await();
                assertFalse(released);
                assertEquals(0.0, loop.time(), "the clock jumped while executor work was running");
                assertFalse(timer.done());
            }
            assertEquals(3600.0, timer.await(), 1e-9);
            return null;
        }));
    }

    /** loop.shutdown_default_executor() completes only once running work has finished. */
    @Test
    void shutdownDefaultExecutorWaitsForRunningWork(EventLoop loop) {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String r = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() -> {
            Future<String> work = loop.runInExecutor(null, () -> {
                started.countDown();
                assertTrue(release.await(SAFETY.toSeconds(), TimeUnit.SECONDS));
                return "work done";
            });
            Asyncio.toThread(() -> started.await(SAFETY.toSeconds(), TimeUnit.SECONDS));
            Future<Void> shutdown = loop.shutdownDefaultExecutor();
            Asyncio.sleep(0);
            assertFalse(shutdown.done(), "shutdown finished while work was running");
            release.countDown();
            shutdown.await();
            assertTrue(work.done());
            return work.result();
        }));
        assertEquals("work done", r);
    }
}
