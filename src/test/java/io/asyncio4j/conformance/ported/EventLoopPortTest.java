package io.asyncio4j.conformance.ported;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ports of CPython 3.13 {@code test_events.py} EventLoopTestsMixin cases not covered elsewhere. */
class EventLoopPortTest {
    /**
     * Ports test_events.py EventLoopTestsMixin.test_close: once closed, a loop refuses to run,
     * schedule callbacks, create tasks, handle signals or run work in its executor
     * (IllegalStateException is asyncio's RuntimeError).
     */
    @Test
    void closedLoopRefusesEverything() {
        EventLoop loop = Asyncio.newEventLoop();
        loop.close();
        Runnable func = () -> {
        };
        assertThrows(IllegalStateException.class, loop::runForever);
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(loop.createFuture()));
        assertThrows(IllegalStateException.class, () -> loop.callSoon(func));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(func));
        assertThrows(IllegalStateException.class, () -> loop.callLater(1.0, func));
        assertThrows(IllegalStateException.class, () -> loop.callAt(loop.time(), func));
        assertThrows(IllegalStateException.class, () -> loop.createTask(() -> null));
        assertThrows(IllegalStateException.class, () -> loop.addSignalHandler("TERM", func));
        assertThrows(IllegalStateException.class, () -> loop.runInExecutor(null, () -> false));
    }
}
