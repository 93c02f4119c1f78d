package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop as a Reactor Scheduler: {@link AsyncioReactor#scheduler(io.asyncio4j.EventLoop)}. */
class SchedulerTest {
    private LoopThread lt;
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        lt = LoopThread.virtual();
        scheduler = AsyncioReactor.scheduler(lt.loop);
    }

    @AfterEach
    void tearDown() {
        scheduler.dispose();
        lt.close();
    }

    @Test
    void publishOnDeliversOnTheLoopThread() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        StepVerifier.create(Flux.range(1, 3).publishOn(scheduler).doOnNext(v -> seen.set(lt.onLoop())))
                .expectNext(1, 2, 3).expectComplete().verify(LoopThread.timeout());
        assertTrue(seen.get(), "signal delivered off the loop");
    }

    @Test
    void subscribeOnSubscribesFromTheLoop() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        StepVerifier.create(Mono.fromCallable(() -> {
                    seen.set(lt.onLoop());
                    return 1;
                }).subscribeOn(scheduler))
                .expectNext(1).expectComplete().verify(LoopThread.timeout());
        assertTrue(seen.get(), "signal delivered off the loop");
    }

    @Test
    void delaysUseTheLoopsTimersAndClock() {
        // The loop runs on a virtual clock: an hour of delays passes in no real time.
        double[] times = lt.run(() -> {
            double t0 = Asyncio.getRunningLoop().time();
            List<Long> ticks = await(Flux.interval(Duration.ofMinutes(20), scheduler).take(3).collectList());
            double t1 = Asyncio.getRunningLoop().time();
            return new double[]{t1 - t0, ticks.size()};
        });
        assertEquals(3600.0, times[0], 1e-6);
        assertEquals(3.0, times[1]);
    }

    @Test
    void delayElementsRunsOnTheLoop() {
        List<Integer> got = lt.run(() -> await(Flux.just(1, 2, 3).delayElements(Duration.ofSeconds(10), scheduler).collectList()));
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void nowIsTheLoopsClock() {
        double loopTime = lt.run(() -> {
            Asyncio.sleep(42);
            return Asyncio.getRunningLoop().time();
        });
        assertTrue(scheduler.now(TimeUnit.SECONDS) >= 42 && loopTime >= 42);
    }

    @Test
    void disposingATaskBeforeItRunsCancelsIt() {
        AtomicInteger runs = new AtomicInteger();
        lt.run(() -> {
            Disposable d = scheduler.schedule(runs::incrementAndGet, 5, TimeUnit.SECONDS);
            Disposable e = scheduler.schedule(runs::incrementAndGet);
            d.dispose();
            e.dispose();
            assertTrue(d.isDisposed());
            Asyncio.sleep(10);
            return null;
        });
        assertEquals(0, runs.get());
    }

    @Test
    void periodicTaskRunsAtFixedRateUntilDisposed() {
        List<Double> at = new CopyOnWriteArrayList<>();
        lt.run(() -> {
            io.asyncio4j.EventLoop loop = Asyncio.getRunningLoop();
            double t0 = loop.time();
            AtomicReference<Disposable> self = new AtomicReference<>();
            self.set(scheduler.schedulePeriodically(() -> {
                at.add(loop.time() - t0);
                if (at.size() == 3) {
                    self.get().dispose();
                }
            }, 1, 2, TimeUnit.SECONDS));
            Asyncio.sleep(100);
            return null;
        });
        assertEquals(List.of(1.0, 3.0, 5.0), at);
    }

    @Test
    void workerTasksRunInOrderAndDisposalDropsThem() throws Exception {
        Scheduler.Worker w = scheduler.createWorker();
        List<Integer> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            w.schedule(() -> order.add(n));
        }
        w.schedule(() -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3, 4), order);
        w.dispose();
        assertThrows(RejectedExecutionException.class, () -> w.schedule(() -> { }));
    }

    @Test
    void disposedSchedulerRejectsNewWork() {
        scheduler.dispose();
        assertTrue(scheduler.isDisposed());
        assertThrows(RejectedExecutionException.class, () -> scheduler.schedule(() -> { }));
    }

    @Test
    void schedulerOfAClosedLoopRejects() {
        io.asyncio4j.EventLoop closed = VirtualTimeLoop.create();
        closed.close();
        assertThrows(RejectedExecutionException.class, () -> AsyncioReactor.scheduler(closed).schedule(() -> { }));
    }
}
