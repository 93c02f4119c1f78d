package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Asyncio#gather} and {@link Asyncio#gatherSettled}: ports of CPython 3.13
 * {@code test_tasks.py} GatherTestsBase / FutureGatherTests / CoroutineGatherTests and
 * BaseTaskTests.test_cancel_gather_*.
 */
@ExtendWith(LoopExtension.class)
class GatherTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    private void runLoop() {
        loop.runUntilComplete(() -> null);
    }

    @SuppressWarnings("unchecked")
    private List<Future<Object>> futures(int n) {
        List<Future<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(loop.createFuture());
        }
        return out;
    }

    /** Ports GatherTestsBase._check_success / test_success: results come in argument order. */
    @Test
    void success() {
        List<Future<Object>> f = futures(3);
        Future<List<Object>> fut = gather(f.get(0), f.get(1), f.get(2));
        int[] calls = {0};
        fut.addDoneCallback(x -> calls[0]++);
        f.get(1).setResult(1);
        f.get(0).setResult(0);
        runLoop();
        assertFalse(fut.done());
        f.get(2).setResult(2);
        runLoop();
        assertEquals(1, calls[0]);
        assertEquals(List.of(0, 1, 2), fut.result());
    }

    /** Ports GatherTestsBase.test_result_exception_success: gatherSettled with only successes. */
    @Test
    void resultExceptionSuccess() {
        List<Future<Object>> f = futures(3);
        Future<List<Object>> fut = gatherSettled(f.get(0), f.get(1), f.get(2));
        f.get(2).setResult("c");
        f.get(0).setResult("a");
        f.get(1).setResult("b");
        runLoop();
        assertEquals(List.of("a", "b", "c"), fut.result());
    }

    /** Ports GatherTestsBase.test_one_exception: the first exception wins; later outcomes change nothing. */
    @Test
    void oneException() {
        List<Future<Object>> f = futures(5);
        Future<List<Object>> fut = gather(f.toArray(new Future<?>[0]));
        int[] calls = {0};
        fut.addDoneCallback(x -> calls[0]++);
        ArithmeticException exc = new ArithmeticException("zero");
        f.get(0).setResult(1);
        f.get(1).setException(exc);
        runLoop();
        assertTrue(fut.done());
        assertEquals(1, calls[0]);
        assertSame(exc, fut.exception());
        f.get(2).setResult(3);
        f.get(3).cancel();
        f.get(4).setException(new RuntimeException());
        f.get(4).exception();
        runLoop();
        assertSame(exc, fut.exception());
        assertFalse(f.get(2).cancelled(), "gather does not cancel the other children on an error");
    }

    /** Ports GatherTestsBase.test_return_exceptions: exceptions take their places in the results. */
    @Test
    void returnExceptions() {
        List<Future<Object>> f = futures(4);
        Future<List<Object>> fut = gatherSettled(f.toArray(new Future<?>[0]));
        ArithmeticException exc = new ArithmeticException();
        RuntimeException exc2 = new RuntimeException();
        f.get(1).setResult(1);
        f.get(2).setException(exc);
        f.get(0).setResult(3);
        runLoop();
        assertFalse(fut.done());
        f.get(3).setException(exc2);
        runLoop();
        assertEquals(Arrays.asList(3, 1, exc, exc2), fut.result());
    }

    /** The boolean flag form gather(list, true) is gatherSettled. */
    @Test
    void returnExceptionsFlag() {
        List<Future<Object>> f = futures(2);
        Future<List<Object>> fut = gather(List.copyOf(f), true);
        IllegalStateException boom = new IllegalStateException("boom");
        f.get(0).setException(boom);
        f.get(1).setResult("ok");
        runLoop();
        assertEquals(Arrays.asList(boom, "ok"), fut.result());
    }

    /** Ports GatherTestsBase.test_one_cancellation: a cancelled child fails the gather with CancelledError. */
    @Test
    void oneCancellation() {
        List<Future<Object>> f = futures(5);
        Future<List<Object>> fut = gather(f.toArray(new Future<?>[0]));
        int[] calls = {0};
        fut.addDoneCallback(x -> calls[0]++);
        f.get(0).setResult(1);
        f.get(1).cancel();
        runLoop();
        assertTrue(fut.done());
        assertEquals(1, calls[0]);
        assertFalse(fut.cancelled());
        assertInstanceOf(CancelledError.class, fut.exception());
        f.get(2).setResult(3);
        f.get(3).cancel();
        f.get(4).setException(new RuntimeException());
        f.get(4).exception();
    }

    /** Ports GatherTestsBase.test_result_exception_one_cancellation: a cancelled child's place holds a CancelledError. */
    @Test
    void resultExceptionOneCancellation() {
        List<Future<Object>> f = futures(6);
        Future<List<Object>> fut = gatherSettled(f.toArray(new Future<?>[0]));
        f.get(0).setResult(1);
        ArithmeticException zde = new ArithmeticException();
        f.get(1).setException(zde);
        f.get(2).cancel();
        runLoop();
        assertFalse(fut.done());
        f.get(3).setResult(3);
        f.get(4).cancel();
        RuntimeException rte = new RuntimeException();
        f.get(5).setException(rte);
        List<Object> res = new ArrayList<>(loop.runUntilComplete(fut));
        assertInstanceOf(CancelledError.class, res.get(2));
        assertInstanceOf(CancelledError.class, res.get(4));
        res.set(2, null);
        res.set(4, null);
        assertEquals(Arrays.asList(1, zde, null, 3, null, rte), res);
    }

    /** Ports GatherTestsBase.test_constructor_empty_sequence_use_running_loop: gather() is done with []. */
    @Test
    void constructorEmptySequence() {
        List<Object> r = loop.runUntilComplete(() -> {
            Future<List<Object>> fut = gather(new Future<?>[0]);
            assertTrue(fut.done());
            assertSame(getRunningLoop(), fut.getLoop());
            return fut.await();
        });
        assertEquals(List.of(), r);
    }

    /** Ports GatherTestsBase.test_constructor_heterogenous_futures: futures of two loops are refused. */
    @Test
    void constructorHeterogenousFutures() {
        EventLoop other = VirtualTimeLoop.create();
        try {
            Future<Object> a = loop.createFuture();
            Future<Object> b = other.createFuture();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gather(a, b));
            assertTrue(e.getMessage().contains("different event loops"), e.getMessage());
        } finally {
            other.close();
        }
    }

    /** Ports GatherTestsBase.test_constructor_homogenous_futures: the result future is on the children's loop. */
    @Test
    void constructorHomogenousFutures() {
        List<Future<Object>> f = futures(2);
        Future<List<Object>> fut = gather(f.get(0), f.get(1));
        assertSame(loop, fut.getLoop());
        f.get(0).setResult(null);
        f.get(1).setResult(null);
        runLoop();
        assertEquals(Arrays.asList(null, null), fut.result());
    }

    /** Ports CoroutineGatherTests.test_duplicate_coroutines: a future passed twice gives its result twice. */
    @Test
    void duplicateFutures() {
        List<Object> r = loop.runUntilComplete(() -> {
            Task<String> c = createTask(() -> "abc");
            Task<String> d = createTask(() -> "def");
            return gather(c, c, d, c).await();
        });
        assertEquals(List.of("abc", "abc", "def", "abc"), r);
    }

    /** gather(coroutines...) runs each as a task and keeps argument order, whatever the finishing order. */
    @Test
    void coroutinesInArgumentOrder() {
        List<Object> r = loop.runUntilComplete(() -> gather(
                () -> sleep(3, "slow"),
                () -> sleep(1, "fast"),
                () -> sleep(2, "middle")).await());
        assertEquals(List.of("slow", "fast", "middle"), r);
        assertEquals(3.0, loop.time(), 1e-9);
    }

    /** Ports GatherTestsBase.test_cancellation_broadcast: cancelling the awaiting task cancels every child. */
    @Test
    void cancellationBroadcast() {
        int[] proof = {0};
        Future<Void> waiter = loop.createFuture();
        Coroutine<Void> inner = () -> {
            waiter.await();
            proof[0] += 1;
            return null;
        };
        Task<Void> child1 = loop.createTask(inner);
        Task<Void> child2 = loop.createTask(inner);
        @SuppressWarnings("unchecked") Future<List<Object>>[] gatherer = new Future[1];
        Task<Void> f = loop.createTask(() -> {
            gatherer[0] = gather(child1, child2);
            gatherer[0].await();
            proof[0] += 100;
            return null;
        });
        runLoop();
        assertTrue(f.cancel());
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        assertFalse(gatherer[0].cancel());
        assertTrue(waiter.cancelled());
        assertTrue(child1.cancelled());
        assertTrue(child2.cancelled());
        runLoop();
        assertEquals(0, proof[0]);
    }

    /** Cancelling the gather future itself cancels the children; awaiting it raises CancelledError. */
    @Test
    void cancelGatherCancelsChildren() {
        loop.runUntilComplete(() -> {
            Task<Integer> a = createTask(() -> sleep(10, 1));
            Task<Integer> b = createTask(() -> sleep(20, 2));
            Future<List<Object>> g = gather(a, b);
            sleep(0);
            assertTrue(g.cancel("enough"));
            CancelledError e = assertThrows(CancelledError.class, g::await);
            assertEquals("enough", e.getMessage());
            assertTrue(a.cancelled());
            assertTrue(b.cancelled());
            assertFalse(g.cancel(), "a done gather cannot be cancelled");
            return null;
        });
        assertEquals(0.0, loop.time(), 1e-9);
    }

    /** A child that swallows the gather's cancellation still leaves the settled gather cancelled. */
    @Test
    void cancelSettledGatherWithSwallowingChild() {
        loop.runUntilComplete(() -> {
            Task<String> stubborn = createTask(() -> {
                try {
                    sleep(10);
                } catch (CancelledError e) {
                    return "swallowed";
                }
                return "slept";
            });
            Future<List<Object>> g = gatherSettled(stubborn);
            sleep(0);
            assertTrue(g.cancel());
            assertThrows(CancelledError.class, g::await);
            assertEquals("swallowed", stubborn.result());
            return null;
        });
    }

    /** Ports BaseTaskTests.test_cancel_gather_1 (bpo-26923): a gather whose children are done refuses cancel. */
    @Test
    void cancelGather1() {
        Future<Integer> fut = loop.createFuture();
        // asyncio.ensure_future(gather_future) is the gathering future itself.
        Future<List<Object>> gatherFuture = loop.runUntilComplete(() -> gather(() -> fut.await()));
        Boolean[] cancelResult = {null};
        fut.addDoneCallback(f -> cancelResult[0] = gatherFuture.cancel());
        fut.setResult(42); // the child task wakes first, then the cancelling callback runs
        loop.runUntilComplete(gatherFuture);
        assertEquals(Boolean.FALSE, cancelResult[0]);
        assertFalse(gatherFuture.cancelled());
        assertEquals(List.of(42), gatherFuture.result());
    }

    /** Ports BaseTaskTests.test_cancel_gather_2: a cancel message travels through a settled gather to the caller. */
    @Test
    void cancelGather2() {
        for (String message : new String[] {null, "my message"}) {
            EventLoop l = VirtualTimeLoop.create();
            try {
                CancelledError e = assertThrows(CancelledError.class, () -> l.runUntilComplete(() -> {
                    Task<Void> qwe = createTask(() -> {
                        double time = 0;
                        while (true) {
                            time += 0.05;
                            gatherSettled(createTask(() -> {
                                sleep(0.05);
                                return null;
                            })).await();
                            if (time > 1) {
                                return null;
                            }
                        }
                    });
                    sleep(0.2);
                    qwe.cancel(message);
                    qwe.await();
                    return null;
                }));
                assertEquals(message, e.getMessage());
            } finally {
                l.close();
            }
        }
    }

    /** Futures done before gather() is called count at once. */
    @Test
    void alreadyDoneChildren() {
        Future<Object> a = loop.createFuture();
        a.setResult("a");
        Future<Object> b = loop.createFuture();
        b.setResult("b");
        Future<List<Object>> g = gather(a, b);
        runLoop();
        assertEquals(List.of("a", "b"), g.result());
    }

    /** Ports GatherTestsBase.test_exception_marking: the gather's first error reaches the awaiting task. */
    @Test
    void exceptionMarking() {
        Future<Void> a = loop.createFuture();
        Future<Void> b = loop.createFuture();
        Task<Void> f = loop.createTask(() -> {
            gather(() -> {
                a.await();
                throw new IllegalStateException("should not be ignored");
            }, () -> {
                b.await();
                throw new IllegalStateException("should not be ignored either");
            }).await();
            return null;
        });
        runLoop();
        a.setResult(null);
        runLoop();
        b.setResult(null);
        runLoop();
        assertEquals("should not be ignored", f.exception().getMessage());
    }
}
