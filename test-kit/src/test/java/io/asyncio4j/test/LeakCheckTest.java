package io.asyncio4j.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leak check finds what was left open, and forgives it once closed. */
class LeakCheckTest {
    @Test
    void anOpenLoopIsALeakUntilClosed() throws Exception {
        LeakCheck.Snapshot before = LeakCheck.take();
        EventLoop loop = Asyncio.newEventLoop();
        List<String> leaks = LeakCheck.leaksSince(before);
        assertTrue(leaks.contains("1 event loop(s) not closed"), leaks.toString());
        loop.close();
        assertEquals(List.of(), LeakCheck.settledLeaksSince(before));
    }

    @Test
    void aRunningPlatformThreadIsALeakUntilItEnds() throws Exception {
        LeakCheck.Snapshot before = LeakCheck.take();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread t = Thread.ofPlatform().name("leaky-test-thread").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> leaks = LeakCheck.leaksSince(before);
        assertTrue(leaks.contains("threads still running: [leaky-test-thread]"), leaks.toString());
        release.countDown();
        t.join();
        assertEquals(List.of(), LeakCheck.settledLeaksSince(before));
    }

    @Test
    void jdkThreadsAreNotLeaks() {
        assertTrue(LeakCheck.jdkThread("ForkJoinPool-1-worker-1"));
        assertTrue(LeakCheck.jdkThread("process reaper"));
    }
}
