package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Asyncio#shield}: ports of CPython 3.13 {@code test_tasks.py} test_shield_* and test_gather_shield. */
@ExtendWith(LoopExtension.class)
class ShieldTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    private void runBriefly() {
        loop.runUntilComplete(() -> null);
    }

    /** Ports test_tasks.py test_shield_result. */
    @Test
    void shieldResult() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        inner.setResult(42);
        assertEquals(42, loop.runUntilComplete(outer));
    }

    /** Ports test_tasks.py test_shield_exception. */
    @Test
    void shieldException() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        RuntimeException exc = new RuntimeException("expected");
        inner.setException(exc);
        runBriefly();
        assertSame(exc, outer.exception());
    }

    /** Ports test_tasks.py test_shield_cancel_inner: the inner future's own cancellation shows outside. */
    @Test
    void shieldCancelInner() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        inner.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
    }

    /** Ports test_tasks.py test_shield_cancel_outer: cancelling the shield leaves the inner future alone. */
    @Test
    void shieldCancelOuter() {
        Future<Integer> inner = loop.createFuture();
        Future<Integer> outer = shield(inner);
        runBriefly();
        outer.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
        assertFalse(inner.cancelled());
        assertFalse(inner.done());
        inner.setResult(1);
        runBriefly();
        assertTrue(outer.cancelled());
    }

    /** Ports test_tasks.py test_shield_shortcut: a done future is returned as is. */
    @Test
    void shieldShortcut() {
        Future<Integer> fut = loop.createFuture();
        fut.setResult(42);
        assertSame(fut, shield(fut));
        assertEquals(42, loop.runUntilComplete(shield(fut)));
    }

    /** Ports test_tasks.py test_shield_effect: cancelling the awaiting task does not affect the shielded work. */
    @Test
    void shieldEffect() {
        int[] proof = {0};
        Future<Void> waiter = loop.createFuture();
        Task<Void> f = loop.createTask(() -> {
            shield(() -> {
                waiter.await();
                proof[0] += 1;
                return null;
            }).await();
            proof[0] += 100;
            return null;
        });
        runBriefly();
        f.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(f));
        waiter.setResult(null);
        runBriefly();
        assertEquals(1, proof[0]);
    }

    /** Ports test_tasks.py test_shield_gather: a shielded gather keeps collecting after the shield is cancelled. */
    @Test
    void shieldGather() {
        Future<Object> child1 = loop.createFuture();
        Future<Object> child2 = loop.createFuture();
        Future<List<Object>> parent = gather(child1, child2);
        Future<List<Object>> outer = shield(parent);
        runBriefly();
        outer.cancel();
        runBriefly();
        assertTrue(outer.cancelled());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly();
        assertEquals(List.of(1, 2), parent.result());
    }

    /** Ports test_tasks.py test_gather_shield: cancelling a gather of shields cancels the shields only. */
    @Test
    void gatherShield() {
        Future<Object> child1 = loop.createFuture();
        Future<Object> child2 = loop.createFuture();
        Future<Object> inner1 = shield(child1);
        Future<Object> inner2 = shield(child2);
        Future<List<Object>> parent = gather(inner1, inner2);
        runBriefly();
        parent.cancel();
        runBriefly();
        assertInstanceOf(CancelledError.class, parent.exception());
        assertTrue(inner1.cancelled());
        assertTrue(inner2.cancelled());
        assertFalse(child1.done());
        child1.setResult(1);
        child2.setResult(2);
        runBriefly();
    }

    /** Ports test_tasks.py test_shield_coroutine_use_running_loop: a shielded coroutine runs on the running loop. */
    @Test
    void shieldCoroutineUseRunningLoop() {
        Future<Integer> fut = loop.runUntilComplete(() -> shield(() -> 42));
        assertSame(loop, fut.getLoop());
        assertEquals(42, loop.runUntilComplete(fut));
    }

    /** A shielded task inside a timeout: the timeout fires, the work finishes later. */
    @Test
    void shieldInsideTimeout() {
        loop.runUntilComplete(() -> {
            Task<String> work = createTask(() -> sleep(2, "done"));
            assertThrows(TimeoutError.class, () -> timeout(1.0, () -> shield(work).await()));
            assertFalse(work.cancelled());
            assertEquals("done", work.await());
            assertEquals(2.0, getRunningLoop().time(), 1e-9);
            return null;
        });
    }
}
