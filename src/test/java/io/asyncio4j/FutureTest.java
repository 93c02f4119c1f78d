package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Future's states, results, errors and its bridges to {@link CompletableFuture}. Ports
 * test_futures.py BaseFutureTests and the wrap_future cases.
 */
@ExtendWith(LoopExtension.class)
class FutureTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);

    private static void runBriefly(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Asyncio.sleep(0);
            return null;
        });
    }

    /** Ports test_futures.py BaseFutureTests.test_initial_state. */
    @Test
    void initialState(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        assertFalse(f.cancelled());
        assertFalse(f.done());
        assertSame(loop, f.getLoop());
        assertTrue(f.cancel());
        assertTrue(f.cancelled());
    }

    /** Ports test_futures.py BaseFutureTests.test_constructor_without_loop. */
    @Test
    void constructorWithoutLoopFails() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new Future<>(null));
        assertEquals("loop", e.getMessage());
    }

    /** Ports test_futures.py BaseFutureTests.test_cancel. */
    @Test
    void cancel(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        assertTrue(f.cancel());
        assertTrue(f.cancelled());
        assertTrue(f.done());
        assertThrows(CancelledError.class, f::result);
        assertThrows(CancelledError.class, f::exception);
        assertThrows(InvalidStateError.class, () -> f.setResult(null));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    /** Ports test_futures.py BaseFutureTests.test_future_cancel_message_getter. */
    @Test
    void cancelMessage(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        assertTrue(f.cancel("my message"));
        CancelledError e = assertThrows(CancelledError.class, f::result);
        assertEquals("my message", e.getMessage());
        assertEquals("my message", assertThrows(CancelledError.class, f::exception).getMessage());
    }

    /** Ports test_futures.py BaseFutureTests.test_result. */
    @Test
    void result(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        InvalidStateError notReady = assertThrows(InvalidStateError.class, f::result);
        assertEquals("Result is not ready.", notReady.getMessage());
        f.setResult(42);
        assertFalse(f.cancelled());
        assertTrue(f.done());
        assertEquals(42, f.result());
        assertNull(f.exception());
        InvalidStateError twice = assertThrows(InvalidStateError.class, () -> f.setResult(43));
        assertEquals("FINISHED: <Future finished result=42>", twice.getMessage());
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        assertEquals(42, f.result());
    }

    /** Ports test_futures.py BaseFutureTests.test_exception. */
    @Test
    void exception(EventLoop loop) {
        RuntimeException exc = new RuntimeException("boom");
        Future<Object> f = loop.createFuture();
        InvalidStateError notSet = assertThrows(InvalidStateError.class, f::exception);
        assertEquals("Exception is not set.", notSet.getMessage());
        f.setException(exc);
        assertFalse(f.cancelled());
        assertTrue(f.done());
        assertSame(exc, assertThrows(RuntimeException.class, f::result));
        assertSame(exc, f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult(null));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
    }

    /** Ports test_futures.py BaseFutureTests.test_exception: a checked exception is rethrown as is. */
    @Test
    void checkedExceptionIsRethrownUnwrapped(EventLoop loop) {
        java.io.IOException io = new java.io.IOException("disk");
        Future<Object> f = loop.createFuture();
        f.setException(io);
        Exception thrown = assertThrows(Exception.class, f::result);
        assertSame(io, thrown);
        assertThrows(NullPointerException.class, () -> loop.createFuture().setException(null));
    }

    /** Ports test_futures.py BaseFutureTests.test_future_repr. */
    @Test
    void futureRepr(EventLoop loop) {
        Future<Object> pending = loop.createFuture();
        assertEquals("<Future pending>", pending.toString());
        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        assertEquals("<Future cancelled>", cancelled.toString());
        Future<Object> failed = loop.createFuture();
        failed.setException(new IllegalStateException("x"));
        assertEquals("<Future finished exception=java.lang.IllegalStateException: x>", failed.toString());
        failed.exception();
        Future<Object> ok = loop.createFuture();
        ok.setResult(null);
        assertEquals("<Future finished result=null>", ok.toString());
    }

    /** Ports test_futures.py BaseFutureTests.test_yield_from_twice: awaiting a done future twice returns the same. */
    @Test
    void awaitTwice(EventLoop loop) {
        Future<String> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult("v"));
        String both = loop.runUntilComplete(() -> f.await() + f.await());
        assertEquals("vv", both);
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future. */
    @Test
    void wrapFutureFromAThreadPool(EventLoop loop) {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<String> f1 = CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "oi";
            }, ex);
            Future<String> f2 = Future.wrap(f1, loop);
            assertSame(loop, f2.getLoop());
            loop.callSoon(go::countDown);
            String r = assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(f2));
            assertEquals("oi", r);
            assertTrue(f1.isDone());
        } finally {
            ex.shutdownNow();
        }
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future_use_running_loop. */
    @Test
    void wrapFutureUsesTheRunningLoop(EventLoop loop) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> wrapped = loop.runUntilComplete(() -> Asyncio.wrapFuture(cf));
        assertSame(loop, wrapped.getLoop());
        Thread t = new Thread(() -> cf.complete(5));
        t.start();
        assertEquals(5, assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(wrapped)));
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future: an exception from the other thread, unwrapped. */
    @Test
    void awaitCompletionStageFailedOnAnotherThread(EventLoop loop) {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Thread t = new Thread(() -> cf.completeExceptionally(new IllegalArgumentException("bad")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() -> {
                    t.start();
                    return Asyncio.await(cf.thenApply(x -> x + 1));
                })));
        assertEquals("bad", e.getMessage());
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future_cancel. */
    @Test
    void wrapFutureCancel(EventLoop loop) {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Future.wrap(f1, loop);
        f2.cancel();
        runBriefly(loop);
        assertTrue(f1.isCancelled());
        assertTrue(f2.cancelled());
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future_cancel2. */
    @Test
    void wrapFutureCancelAfterSourceCompleted(EventLoop loop) {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Future.wrap(f1, loop);
        Thread t = new Thread(() -> f1.complete(42));
        t.start();
        assertDoesNotThrow(() -> t.join());
        f2.cancel();
        runBriefly(loop);
        assertFalse(f1.isCancelled());
        assertEquals(42, f1.join());
        assertTrue(f2.cancelled());
    }

    /** The source being cancelled cancels the wrapping future. */
    @Test
    void wrapFutureOfACancelledSource(EventLoop loop) {
        CompletableFuture<Object> f1 = new CompletableFuture<>();
        Future<Object> f2 = Future.wrap(f1, loop);
        f1.cancel(false);
        runBriefly(loop);
        assertTrue(f2.cancelled());
    }

    /** toCompletableFuture: a result set on the loop reaches a thread blocked in get(). */
    @Test
    void toCompletableFutureResult(EventLoop loop) throws Exception {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        assertFalse(cf.isDone());
        CompletableFuture<String> seenByThread = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                seenByThread.complete(cf.get(SAFETY.toSeconds(), TimeUnit.SECONDS));
            } catch (Exception e) {
                seenByThread.completeExceptionally(e);
            }
        });
        t.start();
        loop.callLater(1, () -> f.setResult("hi"));
        loop.runUntilComplete(f);
        assertEquals("hi", seenByThread.get(SAFETY.toSeconds(), TimeUnit.SECONDS));
    }

    /** toCompletableFuture: an exception arrives unwrapped as the cause, and counts as retrieved. */
    @Test
    void toCompletableFutureException(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        f.setException(boom);
        ExecutionException e = assertThrows(ExecutionException.class, cf::get);
        assertSame(boom, e.getCause());
    }

    /** toCompletableFuture: cancelling the future cancels the CompletableFuture. */
    @Test
    void toCompletableFutureCancelFromFuture(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        f.cancel();
        assertTrue(cf.isCancelled());
    }

    /** toCompletableFuture: cancelling the CompletableFuture from another thread cancels the future on the loop. */
    @Test
    void toCompletableFutureCancelFromAnotherThread(EventLoop loop) {
        Future<String> f = loop.createFuture();
        CompletableFuture<String> cf = f.toCompletableFuture();
        Task<String> waiter = loop.createTask(() -> {
            Thread t = new Thread(() -> cf.cancel(true));
            t.start();
            return f.await();
        });
        assertThrows(CancelledError.class, () -> assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(waiter)));
        assertTrue(f.cancelled());
        assertTrue(waiter.cancelled());
    }

    /** toCompletableFuture of a done future is already complete. */
    @Test
    void toCompletableFutureOfADoneFuture(EventLoop loop) {
        Future<Integer> f = loop.createFuture();
        f.setResult(3);
        assertEquals(3, f.toCompletableFuture().join());
    }

    /** Ports test_futures.py BaseFutureTests.test_future_iter_throw: await outside a task fails clearly. */
    @Test
    void awaitOutsideATaskFailsClearly(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        IllegalStateException e = assertThrows(IllegalStateException.class, f::await);
        assertTrue(e.getMessage().contains("await"), e.getMessage());
    }

    /** Ports test_tasks.py test_other_loop_future: awaiting another loop's future fails. */
    @Test
    void awaitFutureOfAnotherLoopFails(EventLoop loop) {
        EventLoop other = Asyncio.newEventLoop();
        try {
            Future<Object> foreign = other.createFuture();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(foreign::await));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
        } finally {
            other.close();
        }
    }

    /** Ports test_tasks.py SetMethodsTest.test_set_result_causes_invalid_state/test_set_exception_causes_invalid_state: not supported on a Task. */
    @Test
    void taskRefusesSetResult(EventLoop loop) {
        Task<Integer> t = loop.createTask(() -> 1);
        assertThrows(UnsupportedOperationException.class, () -> t.setResult(2));
        assertThrows(UnsupportedOperationException.class, () -> t.setException(new RuntimeException()));
        assertEquals(1, loop.runUntilComplete(t));
    }

    /** Ports test_futures2.py FutureReprTests.test_recursive_repr_for_pending_tasks (bpo-42183). */
    @Test
    void recursiveReprOfATaskInItsOwnResult(EventLoop loop) {
        Task<java.util.Set<Task<?>>> t = loop.createTask(() -> Asyncio.allTasks(), "selfish");
        java.util.Set<Task<?>> waiter = loop.runUntilComplete(() -> Asyncio.waitFor(t, 10.0));
        assertTrue(waiter.contains(t));
        String repr = assertDoesNotThrow(waiter::toString);
        assertTrue(repr.contains("..."), repr);
        assertTrue(t.toString().contains("name='selfish'"), t.toString());
    }

    /** Ports test_futures2.py FutureTests.test_future_traceback: awaiting a failed task again rethrows the same error, its stack unchanged. */
    @Test
    void awaitingAFailedTaskRepeatedly(EventLoop loop) {
        Task<Object> future = loop.createTask(() -> {
            throw new IllegalArgumentException("42");
        });
        loop.runUntilComplete(() -> {
            Throwable first = null;
            int frames = -1;
            for (int i = 0; i < 5; i++) {
                try {
                    future.await();
                    fail("IllegalArgumentException was not raised");
                } catch (IllegalArgumentException e) {
                    if (first == null) {
                        first = e;
                        frames = e.getStackTrace().length;
                    }
                    assertSame(first, e);
                    assertEquals(frames, e.getStackTrace().length);
                    assertEquals(0, e.getSuppressed().length);
                }
            }
            return null;
        });
    }
}
