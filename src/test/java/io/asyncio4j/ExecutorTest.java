package io.asyncio4j;

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

    /** Ports test_base_events.py BaseEventLoopTests.test_shutdown_default_executor. */
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
}
