package io.asyncio4j.internal.strand;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Task#getStack()} of a task that is woken but has not run yet: taking the stack trace of
 * an unmounted, runnable virtual thread makes the JDK hand its continuation to the scheduler
 * again. In fast mode that scheduler is the loop, which must recognise the strand as its own:
 * treated as a foreign virtual thread it would resume the task on another carrier thread, beside
 * the loop. The task reports the carrier it resumed on (a virtual thread's {@code toString()}
 * names its carrier).
 */
class StackTraceOfWokenTaskTest {
    @Test
    void aWokenTaskWhoseStackIsTakenStillResumesOnTheLoop() {
        String[] resumedOn = new String[1];
        int frames = VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> go = loop.createFuture();
            Task<String> waiter = loop.createTask(() -> {
                String value = go.await();
                resumedOn[0] = Thread.currentThread().toString();
                return value;
            });
            Asyncio.sleep(0); // the waiter runs up to its await and parks
            go.setResult("ok"); // the waiter is now queued, not yet running
            int n = waiter.getStack().length;
            assertEquals("ok", waiter.await());
            return n;
        });
        assertTrue(frames > 0, "a pending task has a stack");
        assertFalse(resumedOn[0].contains("asyncio4j-vthread-carrier"),
                "the task resumed on a foreign carrier: " + resumedOn[0]);
    }

    @Test
    void stacksOfParkedAndQueuedTasksCanBeTakenRepeatedly() {
        int done = VirtualTimeLoop.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int count = 0;
            for (int round = 0; round < 50; round++) {
                Future<Integer> go = loop.createFuture();
                Task<Integer> waiter = loop.createTask(() -> go.await() + 1);
                Asyncio.sleep(0);
                assertTrue(waiter.getStack().length > 0);
                go.setResult(round);
                waiter.getStack();
                waiter.getStack();
                count += waiter.await() == round + 1 ? 1 : 0;
            }
            return count;
        });
        assertEquals(50, done);
    }
}
