package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static io.asyncio4j.reactor.AsyncioReactor.iterate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gather → Mono.zip, as_completed → Flux.merge, for tasks and Monos. */
@ExtendWith(LoopExtension.class)
class GatherTest {

    private static <T> Task<T> after(double delay, T value) {
        return Asyncio.createTask(() -> {
            Asyncio.sleep(delay);
            return value;
        });
    }

    private static void settle() {
        for (int i = 0; i < 5; i++) {
            Asyncio.sleep(0);
        }
    }

    /** Ports test_tasks.py GatherTestsBase.test_success (_check_success): results in argument order. */
    @Test
    void testSuccess(EventLoop loop) {
        List<Object> got = loop.runUntilComplete(() -> {
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<Integer> c = loop.createFuture();
            Task<List<Object>> fut = Asyncio.createTask(() -> await(AsyncioReactor.zip(new Future<?>[] {a, b, c})));
            settle();
            b.setResult(1);
            a.setResult(2);
            settle();
            assertTrue(!fut.done());
            c.setResult(3);
            return fut.await();
        });
        assertEquals(List.of(2, 1, 3), got);
    }

    /**
     * Ports test_tasks.py GatherTestsBase.test_one_exception. Difference (Mono.zip semantics):
     * the first error also cancels the other futures, where asyncio's gather leaves them alone.
     */
    @Test
    void testOneException(EventLoop loop) {
        loop.runUntilComplete(() -> {
            List<Future<Integer>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(loop.createFuture());
            }
            Task<List<Object>> fut = Asyncio.createTask(() -> await(AsyncioReactor.zip(fs.toArray(new Future<?>[0]))));
            settle();
            ArithmeticException exc = new ArithmeticException("ZeroDivisionError");
            fs.get(0).setResult(1);
            fs.get(1).setException(exc);
            settle();
            assertTrue(fut.done());
            assertEquals(exc, fut.exception());
            assertTrue(fs.get(2).cancelled() && fs.get(3).cancelled() && fs.get(4).cancelled());
            return null;
        });
    }

    /** Ports test_tasks.py GatherTestsBase.test_return_exceptions, with zipSettled. */
    @Test
    void testReturnExceptions(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<Integer> c = loop.createFuture();
            Future<Integer> d = loop.createFuture();
            Task<List<Object>> fut = Asyncio.createTask(() -> await(AsyncioReactor.zipSettled(a, b, c, d)));
            settle();
            ArithmeticException exc = new ArithmeticException();
            RuntimeException exc2 = new RuntimeException();
            b.setResult(1);
            c.setException(exc);
            a.setResult(3);
            settle();
            assertTrue(!fut.done());
            d.setException(exc2);
            assertEquals(Arrays.asList(3, 1, exc, exc2), fut.await());
            return null;
        });
    }

    /** Results follow argument order, not completion order. */
    @Test
    void zipOfTasksKeepsArgumentOrder(EventLoop loop) {
        List<Object> got = loop.runUntilComplete(() -> await(AsyncioReactor.zip(new Future<?>[] {after(3, "a"), after(1, "b"), after(2, "c")})));
        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void zipKeepsNullResultsInTheirSlot(EventLoop loop) {
        List<Object> got = loop.runUntilComplete(() -> await(AsyncioReactor.zip(new Future<?>[] {after(1, "a"), after(2, null), after(0, 3)})));
        assertEquals(Arrays.asList("a", null, 3), got);
    }

    @Test
    void firstErrorWinsAndCancelsTheOtherTasks(EventLoop loop) {
        boolean[] othersCancelled = new boolean[1];
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            Task<String> slow = after(100, "slow");
            Task<String> failing = Asyncio.createTask(() -> {
                Asyncio.sleep(1);
                throw new IllegalStateException("first");
            });
            try {
                return await(AsyncioReactor.zip(slow, failing));
            } finally {
                Asyncio.sleep(0);
                othersCancelled[0] = slow.cancelled();
            }
        }));
        assertEquals("first", thrown.getMessage());
        assertTrue(othersCancelled[0]);
    }

    @Test
    void settledVariantReportsEveryOutcomeInOrder(EventLoop loop) {
        List<Object> got = loop.runUntilComplete(() -> {
            Task<String> ok = after(2, "ok");
            Task<String> bad = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("bad");
            });
            Future<String> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().callLater(1, never::cancel);
            return await(AsyncioReactor.zipSettled(ok, bad, never));
        });
        assertEquals("ok", got.get(0));
        assertInstanceOf(IllegalArgumentException.class, got.get(1));
        assertInstanceOf(CancelledError.class, got.get(2));
    }

    @Test
    void disposingTheZipCancelsTheTasks(EventLoop loop) {
        boolean cancelled = loop.runUntilComplete(() -> {
            Task<String> a = after(100, "a");
            Task<String> b = after(100, "b");
            AsyncioReactor.zip(a, b).subscribe().dispose();
            Asyncio.sleep(0);
            return a.cancelled() && b.cancelled();
        });
        assertTrue(cancelled);
    }

    @Test
    void zipOfMonosHasGatherSemantics(EventLoop loop) {
        List<Object> got = loop.runUntilComplete(() -> await(AsyncioReactor.zip(Mono.just(1), Mono.empty(), Flux.just("x", "y"))));
        assertEquals(Arrays.asList(1, null, "x"), got);
        List<Object> settled = loop.runUntilComplete(() -> await(AsyncioReactor.zipSettled(Mono.just(1), Mono.error(new RuntimeException("e")))));
        assertEquals(1, settled.get(0));
        assertEquals("e", ((Throwable) settled.get(1)).getMessage());
    }

    @Test
    void zipOfNothingIsAnEmptyList(EventLoop loop) {
        assertEquals(List.of(), loop.runUntilComplete(() -> await(AsyncioReactor.zip(new Future<?>[0]))));
    }

    /** Mirrors test_tasks.py BaseTaskTests.test_as_completed: values arrive in completion order. */
    @Test
    void mergeOfTasksEmitsInCompletionOrder(EventLoop loop) {
        List<String> got = loop.runUntilComplete(() -> {
            List<String> out = new java.util.ArrayList<>();
            for (String s : iterate(AsyncioReactor.merge(after(3, "c"), after(1, "a"), after(2, "b")))) {
                out.add(s);
            }
            return out;
        });
        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void mergeErrorCancelsTheRest(EventLoop loop) {
        AtomicBoolean slowCancelled = new AtomicBoolean();
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            Task<String> slow = after(100, "slow");
            Task<String> bad = Asyncio.createTask(() -> {
                Asyncio.sleep(1);
                throw new IllegalStateException("bad");
            });
            try {
                for (String ignored : iterate(AsyncioReactor.merge(slow, bad))) {
                    // nothing arrives before the error
                }
                return null;
            } finally {
                Asyncio.sleep(0);
                slowCancelled.set(slow.cancelled());
            }
        }));
        assertTrue(slowCancelled.get());
    }

    @Test
    void mergeOfMonosEmitsInArrivalOrder(EventLoop loop) {
        List<Integer> got = loop.runUntilComplete(() -> {
            Mono<Integer> late = AsyncioReactor.mono(() -> Asyncio.sleep(2, 2));
            Mono<Integer> early = AsyncioReactor.mono(() -> Asyncio.sleep(1, 1));
            return await(AsyncioReactor.merge(late, early).collectList());
        });
        assertEquals(List.of(1, 2), got);
    }
}
