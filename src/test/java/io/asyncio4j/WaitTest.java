package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Asyncio#wait}: ports of CPython 3.13 {@code test_tasks.py} test_wait* cases. */
@ExtendWith(LoopExtension.class)
class WaitTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    private Task<Object> sleeper(double delay, Object result) {
        return loop.createTask(() -> sleep(delay, result));
    }

    /** Ports test_tasks.py test_wait: ALL_COMPLETED waits for the slowest; a second wait returns at once. */
    @Test
    void waitAllCompleted() {
        Task<Object> a = sleeper(0.1, null);
        Task<Object> b = sleeper(0.15, null);
        Task<Integer> foo = loop.createTask(() -> {
            Done<Object> d = Asyncio.wait(List.of(b, a));
            assertEquals(Set.of(a, b), d.done());
            assertEquals(Set.of(), d.pending());
            return 42;
        });
        assertEquals(42, loop.runUntilComplete(foo));
        assertEquals(0.15, loop.time(), 1e-9);
        Task<Integer> again = loop.createTask(() -> {
            Asyncio.wait(List.of(b, a));
            return 42;
        });
        assertEquals(42, loop.runUntilComplete(again));
        assertEquals(0.15, loop.time(), 1e-9);
    }

    /** Ports test_tasks.py test_wait_duplicate_coroutines: a future passed twice is waited once. */
    @Test
    void waitDuplicateFutures() {
        Done<String> d = loop.runUntilComplete(() -> {
            Task<String> c = createTask(() -> sleep(0.01, "test"));
            return Asyncio.wait(List.of(c, c, c));
        });
        assertEquals(1, d.done().size());
        assertEquals("test", d.done().iterator().next().result());
        assertEquals(Set.of(), d.pending());
    }

    /** Ports test_tasks.py test_wait_errors and test_wait_invalid_args: an empty set is refused. */
    @Test
    void waitErrors() {
        loop.runUntilComplete(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<Object>>of()));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            Task<Object> t = createTask(() -> null);
            assertThrows(NullPointerException.class, () -> Asyncio.wait(List.of(t), null, null));
            t.await();
            return null;
        });
    }

    /** Ports test_tasks.py test_wait_first_completed: returns when one is done, the other keeps running. */
    @Test
    void waitFirstCompleted() {
        Task<Object> a = sleeper(10.0, null);
        Task<Object> b = sleeper(0.1, null);
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(b), d.done());
        assertEquals(Set.of(a), d.pending());
        assertFalse(a.done());
        assertTrue(b.done());
        assertNull(b.result());
        assertEquals(0.1, loop.time(), 1e-9);
        a.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(a));
    }

    /**
     * Ports test_tasks.py test_wait_really_done: a future that finished before the waiting task
     * resumed is reported done even though its own completion callback has not run yet.
     */
    @Test
    void waitReallyDone() {
        Task<Void> a = loop.createTask(() -> {
            sleep(0);
            return null;
        });
        Task<Void> b = loop.createTask(() -> {
            sleep(0);
            sleep(0);
            return null;
        });
        Done<Void> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_COMPLETED));
        assertEquals(Set.of(a, b), d.done());
        assertEquals(Set.of(), d.pending());
        assertNull(a.result());
        assertNull(b.result());
    }

    /** Ports test_tasks.py test_wait_first_exception: FIRST_EXCEPTION returns on the first failure. */
    @Test
    void waitFirstException() {
        Task<Object> a = sleeper(10.0, null);
        Task<Object> b = loop.createTask(() -> {
            throw new ArithmeticException("err");
        });
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), d.done());
        assertEquals("err", b.exception().getMessage());
        assertEquals(Set.of(a), d.pending());
        assertEquals(0.0, loop.time(), 1e-9);
        a.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(a));
    }

    /** Ports test_tasks.py test_wait_first_exception_in_wait: a failure while waiting ends the wait. */
    @Test
    void waitFirstExceptionInWait() {
        Task<Object> a = sleeper(10.0, null);
        Task<Object> b = loop.createTask(() -> {
            sleep(0.01);
            throw new ArithmeticException("err");
        });
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), ReturnWhen.FIRST_EXCEPTION));
        assertEquals(Set.of(b), d.done());
        assertEquals("err", b.exception().getMessage());
        assertEquals(Set.of(a), d.pending());
        assertEquals(0.01, loop.time(), 1e-9);
        a.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(a));
    }

    /** FIRST_EXCEPTION behaves like ALL_COMPLETED when nothing fails; a cancelled future is no exception. */
    @Test
    void waitFirstExceptionWithoutFailure() {
        Task<Object> a = sleeper(0.2, "a");
        Task<Object> b = sleeper(0.1, "b");
        Task<Object> c = sleeper(0.05, "c");
        Done<Object> d = loop.runUntilComplete(() -> {
            c.cancel();
            return Asyncio.wait(List.of(a, b, c), ReturnWhen.FIRST_EXCEPTION);
        });
        assertEquals(Set.of(a, b, c), d.done());
        assertEquals(0.2, loop.time(), 1e-9);
    }

    /** Ports test_tasks.py test_wait_with_exception: an exception does not end ALL_COMPLETED early. */
    @Test
    void waitWithException() {
        Task<Object> a = sleeper(0.1, null);
        Task<Object> b = loop.createTask(() -> {
            sleep(0.15);
            throw new ArithmeticException("really");
        });
        Coroutine<Void> foo = () -> {
            Done<Object> d = Asyncio.wait(List.of(b, a));
            assertEquals(2, d.done().size());
            assertEquals(Set.of(), d.pending());
            assertEquals(1, d.done().stream().filter(f -> f.exception() != null).count());
            return null;
        };
        loop.runUntilComplete(foo);
        assertEquals(0.15, loop.time(), 1e-9);
        loop.runUntilComplete(foo);
        assertEquals(0.15, loop.time(), 1e-9);
    }

    /** Ports test_tasks.py test_wait_with_timeout: the timeout returns early and cancels nothing. */
    @Test
    void waitWithTimeout() {
        Task<Object> a = sleeper(0.1, null);
        Task<Object> b = sleeper(0.15, null);
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), 0.11, ReturnWhen.ALL_COMPLETED));
        assertEquals(Set.of(a), d.done());
        assertEquals(Set.of(b), d.pending());
        assertEquals(0.11, loop.time(), 1e-9);
        assertFalse(b.cancelled(), "wait's timeout does not cancel");
        loop.runUntilComplete(b);
        assertEquals(0.15, loop.time(), 1e-9);
    }

    /** Ports test_tasks.py test_wait_concurrent_complete: a timeout right when one is done. */
    @Test
    void waitConcurrentComplete() {
        Task<Object> a = sleeper(0.1, null);
        Task<Object> b = sleeper(0.15, null);
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(List.of(b, a), 0.1, ReturnWhen.ALL_COMPLETED));
        assertEquals(Set.of(a), d.done());
        assertEquals(Set.of(b), d.pending());
        assertEquals(0.1, loop.time(), 1e-9);
        loop.runUntilComplete(b);
    }

    /** Ports test_tasks.py test_wait_with_iterator_of_tasks: any collection works; done keeps argument order. */
    @Test
    void waitKeepsArgumentOrder() {
        Task<Object> a = sleeper(0.3, "a");
        Task<Object> b = sleeper(0.1, "b");
        Task<Object> c = sleeper(0.2, "c");
        Done<Object> d = loop.runUntilComplete(() -> Asyncio.wait(new java.util.ArrayDeque<>(List.of(a, b, c))));
        assertEquals(List.of(a, b, c), List.copyOf(d.done()));
    }

    /** Cancelling the waiting task does not cancel the futures it waits for; the timer is cleaned up. */
    @Test
    void cancellingTheWaiterLeavesFuturesRunning() {
        Task<Object> a = sleeper(1.0, "a");
        Task<Done<Object>> w = loop.createTask(() -> Asyncio.wait(List.of(a), 5.0, ReturnWhen.ALL_COMPLETED));
        loop.runUntilComplete(() -> null);
        w.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(w));
        assertFalse(a.done());
        assertEquals("a", loop.runUntilComplete(a));
        assertEquals(1.0, loop.time(), 1e-9, "the cancelled wait's 5 s timer was cancelled with it");
    }
}
