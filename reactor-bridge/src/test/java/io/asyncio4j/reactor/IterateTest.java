package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.asyncio4j.reactor.AsyncioReactor.iterate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iterating a Flux inside a task: {@link AsyncioReactor#iterate(org.reactivestreams.Publisher, int)}. */
@ExtendWith(LoopExtension.class)
class IterateTest {

    @Test
    void iteratesAllValuesInOrder(EventLoop loop) {
        List<Integer> got = loop.runUntilComplete(() -> {
            List<Integer> out = new ArrayList<>();
            for (int x : iterate(Flux.range(1, 100))) {
                out.add(x);
            }
            return out;
        });
        assertEquals(100, got.size());
        assertEquals(1, got.get(0));
        assertEquals(100, got.get(99));
    }

    @Test
    void requestsNeverRunAheadOfPrefetch(EventLoop loop) {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicLong outstandingMax = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        int count = loop.runUntilComplete(() -> {
            int n = 0;
            for (int ignored : iterate(Flux.range(0, 200)
                    .doOnRequest(r -> {
                        requests.add(r);
                        outstandingMax.accumulateAndGet(outstanding.addAndGet(r), Math::max);
                    })
                    .doOnNext(v -> outstanding.decrementAndGet()), 8)) {
                n++;
                Asyncio.sleep(0);
            }
            return n;
        });
        assertEquals(200, count);
        assertEquals(8L, requests.get(0));
        assertTrue(requests.stream().skip(1).allMatch(r -> r == 6L), requests.toString());
        assertTrue(outstandingMax.get() <= 8, "outstanding demand peaked at " + outstandingMax.get());
    }

    @Test
    void valuesFromAnotherThreadWakeTheTask(EventLoop loop) {
        int sum = loop.runUntilComplete(() -> {
            int s = 0;
            for (int x : iterate(Flux.range(1, 1000).publishOn(Schedulers.parallel()), 16)) {
                s += x;
            }
            return s;
        });
        assertEquals(500500, sum);
    }

    @Test
    void errorIsThrownFromTheLoopAfterTheValuesBeforeIt(EventLoop loop) {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            for (int x : iterate(Flux.range(1, 3).concatWith(Flux.error(boom)))) {
                seen.add(x);
            }
            return null;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of(1, 2, 3), seen);
    }

    @Test
    void cancellingTheTaskCancelsTheSubscription(EventLoop loop) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.Many<Integer> sink = Sinks.many().unicast().onBackpressureBuffer();
        boolean taskCancelled = loop.runUntilComplete(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                int n = 0;
                for (int ignored : iterate(sink.asFlux().doOnCancel(() -> cancelled.set(true)))) {
                    n++;
                }
                return n;
            });
            sink.tryEmitNext(1);
            Asyncio.sleep(1);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError expected) {
                // the task ended cancelled
            }
            return t.cancelled();
        });
        assertTrue(taskCancelled);
        assertTrue(cancelled.get());
    }

    @Test
    void closingEarlyCancelsTheSubscription(EventLoop loop) {
        AtomicBoolean cancelled = new AtomicBoolean();
        int first = loop.runUntilComplete(() -> {
            try (CloseableIterable<Integer> it = iterate(Flux.range(1, 1_000_000).doOnCancel(() -> cancelled.set(true)), 4)) {
                for (int x : it) {
                    return x;
                }
            }
            return -1;
        });
        assertEquals(1, first);
        assertTrue(cancelled.get());
    }

    @Test
    void iterableIsSingleUseAndPrefetchIsValidated(EventLoop loop) {
        loop.runUntilComplete(() -> {
            CloseableIterable<Integer> it = iterate(Flux.just(1));
            it.iterator();
            assertThrows(IllegalStateException.class, it::iterator);
            assertThrows(IllegalArgumentException.class, () -> iterate(Flux.just(1), 0));
            return null;
        });
    }
}
