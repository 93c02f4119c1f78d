package io.asyncio4j;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Stress tests of the loop's thread-safe entry points: many foreign threads × many callbacks or
 * completions at once, racing with the loop going idle in its selector. Every callback must run
 * exactly once, on the loop, in the order each thread sent it; every completion must be seen
 * once with its value. Timeouts are safety nets only.
 */
@Timeout(60)
class ThreadsafeStressTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 20_000;

    /** callSoonThreadsafe: none lost, none run twice, order per sending thread kept. */
    @Test
    void callSoonThreadsafeFromManyThreads() throws Exception {
        int[][] runs = new int[THREADS][PER_THREAD];
        int[] last = new int[THREADS];
        java.util.Arrays.fill(last, -1);
        List<String> errors = new ArrayList<>();
        int[] total = {0};
        try (EventLoop loop = Asyncio.newEventLoop()) {
            Thread[] loopThread = new Thread[1];
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Thread s = new Thread(() -> {
                    await(go);
                    for (int i = 0; i < PER_THREAD; i++) {
                        int seq = i;
                        loop.callSoonThreadsafe(() -> {
                            if (Thread.currentThread() != loopThread[0]) {
                                errors.add("ran off the loop thread: " + Thread.currentThread());
                            }
                            runs[id][seq]++;
                            if (last[id] != seq - 1) {
                                errors.add("thread " + id + ": " + seq + " ran after " + last[id]);
                            }
                            last[id] = seq;
                            if (++total[0] == THREADS * PER_THREAD) {
                                loop.stop();
                            }
                        });
                        if ((i & 1023) == 0) {
                            Thread.yield(); // let the loop drain and go idle now and then
                        }
                    }
                }, "sender-" + t);
                s.start();
                senders.add(s);
            }
            loop.callSoon(() -> {
                loopThread[0] = Thread.currentThread();
                go.countDown();
            });
            CountDownLatch stopped = new CountDownLatch(1);
            safetyNet(loop, stopped);
            loop.runForever();
            stopped.countDown();
            for (Thread s : senders) {
                s.join();
            }
        }
        assertEquals(List.of(), errors.subList(0, Math.min(10, errors.size())));
        assertEquals(THREADS * PER_THREAD, total[0], "callbacks lost");
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                assertEquals(1, runs[t][i], "thread " + t + " callback " + i);
            }
        }
    }

    /**
     * Loop futures completed from foreign threads (through wrapFuture and runCoroutineThreadsafe):
     * every awaiting task sees its own value exactly once.
     */
    @Test
    void futuresCompletedFromForeignThreads() throws Exception {
        int perThread = 2_000;
        List<CompletableFuture<Integer>> sources = new ArrayList<>();
        for (int i = 0; i < THREADS * perThread; i++) {
            sources.add(new CompletableFuture<>());
        }
        AtomicInteger coroutinesRun = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long sum = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            List<Future<Integer>> wrapped = new ArrayList<>();
            for (CompletableFuture<Integer> cf : sources) {
                wrapped.add(Asyncio.wrapFuture(cf));
            }
            List<Thread> completers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Thread c = new Thread(() -> {
                    try {
                        List<CompletableFuture<Integer>> replies = new ArrayList<>();
                        for (int i = 0; i < perThread; i++) {
                            int k = id * perThread + i;
                            sources.get(k).complete(k);
                            if (i % 20 == 0) {
                                replies.add(Asyncio.runCoroutineThreadsafe(() -> {
                                    coroutinesRun.incrementAndGet();
                                    Asyncio.sleep(0);
                                    return k;
                                }, loop));
                            }
                        }
                        for (int i = 0; i < replies.size(); i++) {
                            assertEquals(id * perThread + i * 20, replies.get(i).get(30, TimeUnit.SECONDS));
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "completer-" + t);
                c.start();
                completers.add(c);
            }
            long s = 0;
            for (int i = 0; i < wrapped.size(); i++) {
                int v = wrapped.get(i).await();
                assertEquals(i, v, "future " + i + " got another's value");
                s += v;
            }
            for (Thread c : completers) {
                Asyncio.toThread(() -> {
                    c.join();
                    return null;
                });
            }
            return s;
        });
        assertNull(failure.get(), () -> "a completer failed: " + failure.get());
        long n = (long) THREADS * perThread;
        assertEquals(n * (n - 1) / 2, sum);
        assertEquals(THREADS * (perThread / 20), coroutinesRun.get(), "a coroutine was lost or run twice");
    }

    /** Stops the loop if the test has not ended within 45 s, so a lost wake-up fails instead of hanging. */
    private static void safetyNet(EventLoop loop, CountDownLatch stopped) {
        Thread t = new Thread(() -> {
            try {
                if (!stopped.await(45, java.util.concurrent.TimeUnit.SECONDS)) {
                    loop.callSoonThreadsafe(loop::stop);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
