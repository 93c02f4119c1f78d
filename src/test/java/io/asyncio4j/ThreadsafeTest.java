package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * callSoonThreadsafe: ports test_events.py EventLoopTestsMixin.test_call_soon_threadsafe* and
 * asyncio's _write_to_self wake-up (run_coroutine_threadsafe is in RunCoroutineThreadsafeTest).
 * Threads wait on latches, never on sleeps; timeouts are only safety nets.
 */
@ExtendWith(LoopExtension.class)
class ThreadsafeTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);

    /** Ports test_events.py EventLoopTestsMixin.test_call_soon_threadsafe. */
    @Test
    void callSoonThreadsafeFromAnotherThread(EventLoop loop) throws Exception {
        List<String> results = new ArrayList<>();
        Runnable callbackHello = () -> {
            results.add("hello");
            if (results.size() >= 2) {
                loop.stop();
            }
        };
        CountDownLatch sent = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            loop.callSoonThreadsafe(callbackHello);
            sent.countDown();
        });
        t.start();
        assertTrue(sent.await(SAFETY.toSeconds(), TimeUnit.SECONDS));
        loop.callSoon(() -> {
            results.add("world");
            if (results.size() >= 2) {
                loop.stop();
            }
        });
        loop.runForever();
        t.join();
        assertEquals(List.of("hello", "world"), results);
    }

    /** Ports test_events.py EventLoopTestsMixin.test_call_soon_threadsafe_same_thread. */
    @Test
    void callSoonThreadsafeSameThreadKeepsOrder(EventLoop loop) {
        List<String> results = new ArrayList<>();
        loop.callSoonThreadsafe(() -> results.add("hello"));
        loop.callSoon(() -> results.add("world"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("hello", "world"), results);
    }

    /**
     * The loop blocked in select (nothing scheduled, no timers) wakes up for a callback sent from
     * another thread: asyncio's _write_to_self.
     */
    @Test
    void callSoonThreadsafeWakesABlockedSelector(EventLoop loop) {
        CountDownLatch loopIsIdle = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                loopIsIdle.await();
                loop.callSoonThreadsafe(loop::stop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        // The last callback before the loop blocks: after it nothing is ready and no timer exists.
        loop.callSoon(loopIsIdle::countDown);
        assertTimeoutPreemptively(SAFETY, loop::runForever, "the loop was not woken up");
    }

    /** The same on a real-clock loop, whose selector waits with an infinite timeout. */
    @Test
    void callSoonThreadsafeWakesARealLoop() throws Exception {
        EventLoop real = Asyncio.newEventLoop();
        try {
            CompletableFuture<String> fromLoop = new CompletableFuture<>();
            CountDownLatch running = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try {
                    running.await();
                    real.callSoonThreadsafe(() -> {
                        fromLoop.complete(Thread.currentThread().getName());
                        real.stop();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sender");
            sender.start();
            real.callSoon(running::countDown);
            assertTimeoutPreemptively(SAFETY, real::runForever);
            assertNotEquals("sender", fromLoop.get(1, TimeUnit.SECONDS), "the callback ran on the loop, not the sender");
        } finally {
            real.close();
        }
    }

    /**
     * Stress: many threads each send many callbacks at once; none is lost, each runs once, on the
     * loop's thread, and each thread's callbacks run in the order that thread sent them.
     */
    @Test
    void noCallbackIsLostUnderContention() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        EventLoop real = Asyncio.newEventLoop();
        try {
            int[] count = {0};
            int[] lastSeen = new int[threads];
            boolean[] outOfOrder = {false};
            Thread[] loopThread = new Thread[1];
            boolean[] wrongThread = {false};
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread s = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 1; i <= perThread; i++) {
                        int seq = i;
                        real.callSoonThreadsafe(() -> {
                            if (Thread.currentThread() != loopThread[0]) {
                                wrongThread[0] = true;
                            }
                            if (lastSeen[id] != seq - 1) {
                                outOfOrder[0] = true;
                            }
                            lastSeen[id] = seq;
                            if (++count[0] == threads * perThread) {
                                real.stop();
                            }
                        });
                    }
                });
                s.start();
                senders.add(s);
            }
            real.callSoon(() -> {
                loopThread[0] = Thread.currentThread();
                start.countDown();
            });
            assertTimeoutPreemptively(SAFETY, real::runForever, "callbacks were lost: only " + count[0] + " ran");
            for (Thread s : senders) {
                s.join();
            }
            assertEquals(threads * perThread, count[0]);
            assertFalse(outOfOrder[0], "a thread's callbacks ran out of order");
            assertFalse(wrongThread[0], "a callback ran off the loop thread");
        } finally {
            real.close();
        }
    }

    /** Ports test_events.py HandleTests.test_handle for threadsafe handles: cancel before the loop runs. */
    @Test
    void threadsafeHandleCanBeCancelled(EventLoop loop) throws Exception {
        List<String> log = new ArrayList<>();
        Handle[] h = new Handle[1];
        Thread t = new Thread(() -> h[0] = loop.callSoonThreadsafe(() -> log.add("ran")));
        t.start();
        t.join();
        h[0].cancel();
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(), log);
    }
}
