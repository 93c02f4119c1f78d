package io.asyncio4j.internal.strand;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Virtual threads that user code starts inside a task must not run on the event loop: in fast
 * mode they would inherit the loop as their scheduler, and a thread that never parks would then
 * hold the loop's thread. Each test makes such a thread spin until the loop itself sets a flag:
 * it can only finish if the loop keeps running beside it.
 */
class UserVirtualThreadsTest {
    @Test
    void aVirtualThreadStartedInATaskDoesNotHoldTheLoop() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Thread.ofVirtual().start(() -> {
                while (!released.get()) {
                    Thread.onSpinWait();   // never parks: on the loop's thread this would hang
                }
                finished.countDown();
            });
            Future<Void> done = loop.createFuture();
            loop.callLater(0.01, () -> {
                released.set(true);
                done.setResult(null);
            });
            done.await();
            return null;
        });
        assertTrue(finished.await(30, TimeUnit.SECONDS), "the user's virtual thread never finished");
    }

    @Test
    void aVirtualThreadExecutorUsedInATaskDoesNotHoldTheLoop() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        Boolean ok;
        // Closed outside the loop: close() waits for the executor's threads to end.
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            ok = Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                java.util.concurrent.Future<Boolean> work = executor.submit(() -> {
                    while (!released.get()) {
                        Thread.onSpinWait();
                    }
                    return true;
                });
                loop.callLater(0.01, () -> released.set(true));
                return Asyncio.await(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return work.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            });
        }
        assertTrue(ok);
    }
}
