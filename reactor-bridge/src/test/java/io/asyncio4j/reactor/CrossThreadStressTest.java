package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribers on many threads requesting and cancelling at once (seeded, so a failure replays):
 * every generator task ends, no value is delivered beyond demand, and the loop's exception
 * handler stays silent ({@link LoopThread#close()} checks it).
 */
class CrossThreadStressTest {

    @Test
    void concurrentRequestAndCancelFromManyThreads() throws Exception {
        try (LoopThread lt = LoopThread.start()) {
            AtomicInteger started = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            Flux<Integer> flux = AsyncioReactor.flux(lt.loop, out -> {
                started.incrementAndGet();
                try {
                    for (int i = 0; i < 1000; i++) {
                        out.emit(i);
                        if (i % 16 == 0) {
                            Asyncio.sleep(0);
                        }
                    }
                } finally {
                    finished.incrementAndGet();
                }
            });
            int threads = 8;
            int perThread = 25;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            AtomicLong overDelivered = new AtomicLong();
            for (int t = 0; t < threads; t++) {
                long seed = 1234L + t;
                workers.add(CompletableFuture.runAsync(() -> {
                    Random rnd = new Random(seed);
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int k = 0; k < perThread; k++) {
                        int want = 1 + rnd.nextInt(50);
                        AtomicInteger got = new AtomicInteger();
                        CompletableFuture<Void> enough = new CompletableFuture<>();
                        Disposable d = flux.subscribe(v -> {
                            if (got.incrementAndGet() > want) {
                                overDelivered.incrementAndGet();
                            }
                            if (got.get() == want) {
                                enough.complete(null);
                            }
                        }, enough::completeExceptionally, () -> enough.complete(null), s -> {
                            for (int r = 0; r < want; r++) {
                                s.request(1);
                            }
                        });
                        if (rnd.nextBoolean()) {
                            enough.orTimeout(10, TimeUnit.SECONDS).join();
                        }
                        d.dispose();
                    }
                }));
            }
            go.countDown();
            CompletableFuture.allOf(workers.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            // Let every cancelled generator unwind, then compare.
            lt.run(() -> {
                for (int i = 0; i < 50 && finished.get() < started.get(); i++) {
                    Asyncio.sleep(0);
                }
                return null;
            });
            assertEquals(0, overDelivered.get(), "values delivered beyond demand");
            assertEquals(started.get(), finished.get(), "generator tasks left running");
            assertTrue(started.get() <= threads * perThread);
        }
    }

    @Test
    void monosBlockedOnFromManyThreads() throws Exception {
        try (LoopThread lt = LoopThread.start()) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                results.add(CompletableFuture.supplyAsync(() -> {
                    int sum = 0;
                    for (int i = 0; i < 100; i++) {
                        int v = base + i;
                        sum += Mono.from(AsyncioReactor.mono(lt.loop, () -> v)).block();
                    }
                    return sum;
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertEquals(t * 1000 * 100 + 4950, results.get(t).get(60, TimeUnit.SECONDS));
            }
        }
    }
}
