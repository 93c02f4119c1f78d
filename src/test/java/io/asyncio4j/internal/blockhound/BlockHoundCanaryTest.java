package io.asyncio4j.internal.blockhound;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.blockhound.AsyncioBlockHoundIntegration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Canaries for the BlockHound profile ({@code mvn -Pblockhound}): blocking on a loop thread or in
 * a task must be caught, the loop's own waiting (selector, strand handoffs) must not be. Skipped
 * without the agent (the normal build), where nothing would catch the canary.
 */
class BlockHoundCanaryTest {

    @BeforeAll
    static void onlyWithTheAgent() {
        assumeTrue(Boolean.getBoolean("asyncio4j.blockhound"), "BlockHound agent not installed (run with -Pblockhound)");
    }

    @Test
    void sleepInALoopCallbackIsCaught() {
        List<Throwable> reported = new ArrayList<>();
        try (EventLoop loop = Asyncio.newEventLoop()) {
            loop.setExceptionHandler((l, ctx) -> reported.add((Throwable) ctx.get("exception")));
            loop.callSoon(() -> sleepQuietly(1));
            loop.callSoon(loop::stop);
            loop.runForever();
        }
        assertEquals(1, reported.size(), "the blocking callback was not reported: " + reported);
        assertInstanceOf(BlockingOperationError.class, reported.get(0));
        assertTrue(reported.get(0).getMessage().contains("sleep"), reported.get(0).getMessage());
    }

    @Test
    void sleepInATaskIsCaught() {
        Throwable raised = assertThrows(Throwable.class, () -> Asyncio.run(() -> {
            Asyncio.sleep(0);
            sleepQuietly(1);
            return null;
        }));
        assertInstanceOf(BlockingOperationError.class, raised, () -> "not caught by BlockHound: " + raised);
    }

    @Test
    void objectWaitInATaskIsCaught() {
        Object monitor = new Object();
        Throwable raised = assertThrows(Throwable.class, () -> Asyncio.run(() -> {
            synchronized (monitor) {
                monitor.wait(1);
            }
            return null;
        }));
        assertInstanceOf(BlockingOperationError.class, raised, () -> "not caught by BlockHound: " + raised);
    }

    @Test
    void blockingOffTheLoopIsAllowed() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(1);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertNull(failure.get());
        // Executor threads are not loop threads either.
        assertEquals("done", Asyncio.run(() -> {
            Future<String> f = Asyncio.getRunningLoop().runInExecutor(null, () -> {
                Thread.sleep(1);
                return "done";
            });
            return f.await();
        }));
    }

    @Test
    void theLoopsOwnWaitingIsAllowed() {
        // Selector waits (a real timer), strand handoffs (awaits, yields) and a threadsafe wake-up.
        int sum = Asyncio.run(() -> {
            Asyncio.sleep(0.01);
            int s = 0;
            for (int i = 0; i < 100; i++) {
                Asyncio.sleep(0);
                s += Asyncio.createTask(() -> 1).await();
            }
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Integer> f = loop.createFuture();
            new Thread(() -> loop.callSoonThreadsafe(() -> f.setResult(1))).start();
            return s + f.await();
        });
        assertEquals(101, sum);
    }

    @Test
    void theIntegrationSeesLoopThreadsOnly() {
        assertFalse(AsyncioBlockHoundIntegration.onLoopThread());
        assertTrue(Asyncio.run(AsyncioBlockHoundIntegration::onLoopThread));
        assertFalse(AsyncioBlockHoundIntegration.onLoopThread());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
