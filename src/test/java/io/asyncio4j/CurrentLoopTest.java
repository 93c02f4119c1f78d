package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * No silent wrong loop: {@code ensureFuture(coro)}, {@code shield(coro)} and {@code gather(coro...)}
 * pick the loop as asyncio 3.13's {@code ensure_future} does (running loop, else the loop set on
 * this thread) and fail clearly where 3.13 warns "There is no current event loop".
 */
@ExtendWith(LoopExtension.class)
class CurrentLoopTest {
    @AfterEach
    void clearThreadLoop() {
        setEventLoop(null);
    }

    @Test
    void withoutARunningOrSetLoopTheyFailClearly() {
        setEventLoop(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ensureFuture(() -> 1));
        assertTrue(e.getMessage().contains("no current event loop"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ensureFuture"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> shield(() -> 1));
        assertThrows(IllegalStateException.class, () -> gather(() -> 1, () -> 2));
        assertNull(Asyncio.peekThreadLoop(), "failing must not create and set a loop");
    }

    /** test_tasks.py test_ensure_future_coroutine: inside a task, the running loop. */
    @Test
    void insideATaskTheRunningLoopIsUsedEvenIfAnotherIsSet(EventLoop loop) {
        EventLoop other = newEventLoop();
        try {
            setEventLoop(other);
            loop.runUntilComplete(() -> {
                assertSame(loop, ensureFuture(() -> 1).getLoop());
                assertSame(loop, shield(() -> 2).getLoop());
                assertEquals(List.of(3, 4), gather(() -> 3, () -> 4).await());
                return null;
            });
        } finally {
            other.close();
        }
    }

    /** As asyncio 3.13: outside a running loop, the loop set on this thread gets the task. */
    @Test
    void outsideALoopTheSetLoopIsUsed(EventLoop loop) {
        setEventLoop(loop);
        Task<Integer> t = ensureFuture(() -> 5);
        assertSame(loop, t.getLoop());
        assertEquals(5, loop.runUntilComplete(t));
    }

    @Test
    void anExplicitLoopIsUsedAsGiven(EventLoop loop) {
        setEventLoop(null);
        Task<String> t = ensureFuture(() -> "x", loop);
        assertSame(loop, t.getLoop());
        assertEquals("x", loop.runUntilComplete(t));
        assertThrows(NullPointerException.class, () -> ensureFuture(() -> 1, null));
    }
}
