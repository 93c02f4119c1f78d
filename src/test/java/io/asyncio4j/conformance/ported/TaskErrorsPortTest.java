package io.asyncio4j.conformance.ported;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ports of CPython 3.13 {@code test_tasks.py} cases about the exceptions a cancelled task leaves. */
@ExtendWith(LoopExtension.class)
class TaskErrorsPortTest {
    /**
     * Ports test_tasks.py BaseTaskTests.test_cancellation_exception_context: an error raised from
     * the caught CancelledError has that CancelledError, with the cancel message, as its cause.
     */
    @Test
    void errorRaisedFromTheCancellationKeepsItAsCause(EventLoop loop) {
        Future<Object> fut = loop.createFuture();
        Task<Void> task = loop.createTask(() -> {
            Task<Void> inner = createTask(() -> {
                fut.setResult(null);
                sleep(10);
                return null;
            });
            fut.await();
            getRunningLoop().callSoon(() -> inner.cancel("msg"));
            try {
                inner.await();
            } catch (CancelledError ex) {
                throw new IllegalArgumentException("cancelled", ex);
            }
            return null;
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(task));
        assertEquals("cancelled", e.getMessage());
        CancelledError cause = assertInstanceOf(CancelledError.class, e.getCause());
        assertEquals("msg", cause.getMessage());
    }
}
