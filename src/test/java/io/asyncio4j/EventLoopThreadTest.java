package io.asyncio4j;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** EventLoopThread: a loop on a thread of its own, started and closed from another thread. */
class EventLoopThreadTest {

    @Test
    void theLoopRunsWhenStartReturnsAndRunsSubmittedCoroutinesOnItself() {
        try (EventLoopThread lt = EventLoopThread.start()) {
            assertTrue(lt.isRunning());
            assertFalse(lt.loop().inEventLoop(), "the caller is not the loop");
            boolean onLoop = lt.submit(() -> Asyncio.getRunningLoop() == lt.loop() && lt.loop().inEventLoop())
                    .orTimeout(10, TimeUnit.SECONDS).join();
            assertTrue(onLoop);
        }
    }

    @Test
    void closeCancelsPendingTasksLetsThemCleanUpAndClosesTheLoop() {
        CompletableFuture<String> cleanedUp = new CompletableFuture<>();
        CompletableFuture<Void> sleeping = new CompletableFuture<>();
        EventLoop loop;
        CompletableFuture<Object> forever;
        try (EventLoopThread lt = EventLoopThread.start()) {
            loop = lt.loop();
            forever = lt.submit(() -> {
                try {
                    sleeping.complete(null);
                    return Asyncio.sleep(3600, null);
                } catch (CancelledError e) {
                    cleanedUp.complete("cancelled");
                    throw e;
                }
            });
            sleeping.orTimeout(10, TimeUnit.SECONDS).join();
        }
        assertTrue(loop.isClosed());
        assertFalse(loop.isRunning());
        assertEquals("cancelled", cleanedUp.getNow("not cleaned up"));
        assertTrue(forever.isCancelled());
    }

    @Test
    void closeIsIdempotent() {
        EventLoopThread lt = EventLoopThread.start();
        lt.close();
        lt.close();
        assertTrue(lt.loop().isClosed());
    }

    @Test
    void aLoopFactoryGivesTheLoop() {
        try (EventLoopThread lt = EventLoopThread.start("virtual-loop", VirtualTimeLoop::create)) {
            double slept = lt.submit(() -> {
                double t0 = Asyncio.getRunningLoop().time();
                Asyncio.sleep(3600);
                return Asyncio.getRunningLoop().time() - t0;
            }).orTimeout(10, TimeUnit.SECONDS).join();
            assertEquals(3600.0, slept, 1e-6);
            assertTrue(lt.toString().contains("virtual-loop"), lt.toString());
        }
    }

    @Test
    void aFailingFactoryIsReportedByStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLoopThread.start("broken", () -> {
                    throw new IllegalArgumentException("no loop today");
                }));
        assertTrue(e.getMessage().contains("could not start"), e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }

    @Test
    void aClosedLoopFromTheFactoryIsReportedByStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EventLoopThread.start(() -> {
            EventLoop closed = Asyncio.newEventLoop();
            closed.close();
            return closed;
        }));
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    }

    @Test
    void closeFromTheLoopItselfFailsClearly() {
        try (EventLoopThread lt = EventLoopThread.start()) {
            CompletableFuture<Object> attempt = lt.submit(() -> {
                lt.close();
                return null;
            });
            CompletionException e = assertThrows(CompletionException.class, () -> attempt.orTimeout(10, TimeUnit.SECONDS).join());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("cannot be called from its own loop"), e.getCause().getMessage());
            assertTrue(lt.isRunning());
        }
    }
}
