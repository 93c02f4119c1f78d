package io.asyncio4j.conformance.ported;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ContextVar;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopErrors;
import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Ports of CPython 3.13 {@code test_futures.py} cases not covered by the other future tests. The
 * "never retrieved" report comes when a failed future is garbage-collected, so these tests make
 * one future that must be reported (the control) next to the ones under test, collect garbage
 * until the control is reported, and check that nothing else was.
 */
@ExtendWith(LoopExtension.class)
class FuturesPortTest {
    /** Collects garbage until the handler saw {@code n} calls (bounded), letting reports reach the loop. */
    static void gcUntilReported(EventLoop loop, LoopErrors errors, int n) {
        loop.runUntilComplete(() -> {
            for (int i = 0; i < 500 && errors.size() < n; i++) {
                System.gc();
                Asyncio.sleep(0.01);
            }
            return null;
        });
    }

    /** A failed future nobody looks at: the control that must be reported. */
    static RuntimeException failAndForget(EventLoop loop) {
        RuntimeException error = new IllegalStateException("control");
        Future<Object> f = loop.createFuture();
        f.setException(error);
        return error;
    }

    private static void assertOnlyTheControlIsReported(EventLoop loop, LoopErrors errors) {
        failAndForget(loop);
        gcUntilReported(loop, errors, 1);
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("control", ((Throwable) got.get(0).get("exception")).getMessage());
    }

    private static void checkNeverRetrieved(EventLoop loop, LoopErrors errors, boolean debug) {
        loop.setDebug(debug);
        OutOfMemoryError exc = new OutOfMemoryError();
        Future<Object> future = loop.createFuture();
        future.setException(exc);
        future = null;
        gcUntilReported(loop, errors, 1);
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("Future exception was never retrieved", got.get(0).get("message"));
        assertSame(exc, got.get(0).get("exception"));
    }

    /** Ports test_futures.py BaseFutureTests.test_future_exception_never_retrieved. */
    @Test
    void futureExceptionNeverRetrieved(EventLoop loop, LoopErrors errors) {
        checkNeverRetrieved(loop, errors, false);
    }

    /** Ports test_futures.py BaseFutureTests.test_future_exception_never_retrieved_debug. */
    @Test
    void futureExceptionNeverRetrievedDebug(EventLoop loop, LoopErrors errors) {
        checkNeverRetrieved(loop, errors, true);
    }

    /** Ports test_futures.py BaseFutureTests.test_tb_logger_result_retrieved: a result looked at is not reported. */
    @Test
    void resultRetrievedIsNotReported(EventLoop loop, LoopErrors errors) {
        Future<Object> fut = loop.createFuture();
        fut.setResult(42);
        assertEquals(42, fut.result());
        fut = null;
        assertOnlyTheControlIsReported(loop, errors);
    }

    /**
     * Ports test_futures.py BaseFutureTests.test_tb_logger_exception_result_retrieved: an exception
     * seen through result() counts as retrieved.
     */
    @Test
    void exceptionSeenThroughResultIsNotReported(EventLoop loop, LoopErrors errors) {
        Future<Object> fut = loop.createFuture();
        fut.setException(new IllegalStateException("boom"));
        assertThrows(IllegalStateException.class, fut::result);
        fut = null;
        assertOnlyTheControlIsReported(loop, errors);
    }

    /** Ports test_futures.py BaseFutureTests.test_tb_logger_exception_retrieved: an exception looked at is not reported. */
    @Test
    void exceptionRetrievedIsNotReported(EventLoop loop, LoopErrors errors) {
        Future<Object> fut = loop.createFuture();
        fut.setException(new IllegalStateException("boom"));
        assertEquals("boom", fut.exception().getMessage());
        fut = null;
        assertOnlyTheControlIsReported(loop, errors);
    }

    /** Ports test_futures.py BaseFutureTests.test_tb_logger_result_unretrieved: an unread result is not reported. */
    @Test
    void resultNotRetrievedIsNotReported(EventLoop loop, LoopErrors errors) {
        Future<Object> fut = loop.createFuture();
        fut.setResult(42);
        fut = null;
        assertOnlyTheControlIsReported(loop, errors);
    }

    /** Ports test_futures.py BaseFutureTests.test_wrap_future_use_global_loop: wrapFuture outside a task uses the set loop. */
    @Test
    void wrapFutureUsesTheSetLoop(EventLoop loop) {
        Asyncio.setEventLoop(loop);
        try {
            Future<String> f2 = Asyncio.wrapFuture(CompletableFuture.completedFuture("oi"));
            assertSame(loop, f2.getLoop());
            assertEquals("oi", loop.runUntilComplete(f2));
        } finally {
            Asyncio.setEventLoop(null);
        }
    }
}
