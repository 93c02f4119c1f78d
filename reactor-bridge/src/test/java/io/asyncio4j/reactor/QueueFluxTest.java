package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.sync.Queue;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static io.asyncio4j.reactor.AsyncioReactor.iterate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio4j Queue ↔ Flux: {@link AsyncioReactor#fromQueue} and {@link AsyncioReactor#intoQueue}. */
@ExtendWith(LoopExtension.class)
class QueueFluxTest {

    @Test
    void fromQueueEmitsItemsAndCompletesWhenTheQueueShutsDown(EventLoop loop) {
        List<Integer> got = loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            Asyncio.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                    Asyncio.sleep(1);
                }
                q.shutdown();
                return null;
            });
            return await(AsyncioReactor.fromQueue(q).collectList());
        });
        assertEquals(List.of(0, 1, 2, 3, 4), got);
    }

    /** Each emitted item is marked done, so queue.join() (test_queues.py QueueJoinTests.test_task_done) returns. */
    @Test
    void fromQueueMarksItemsDoneSoJoinReturns(EventLoop loop) {
        boolean joined = loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 3; i++) {
                q.putNowait(i);
            }
            AsyncioReactor.fromQueue(q).take(3).subscribe();
            q.join();
            return true;
        });
        assertTrue(joined);
    }

    @Test
    void fromQueueTakesOnlyWhatIsRequestedAndCancellationLosesNothing(EventLoop loop) {
        int left = loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < 10; i++) {
                q.putNowait(i);
            }
            List<Integer> first = await(AsyncioReactor.fromQueue(q).take(3).collectList());
            assertEquals(List.of(0, 1, 2), first);
            Asyncio.sleep(1);
            return q.qsize();
        });
        assertEquals(7, left);
    }

    @Test
    void intoQueueFeedsEveryItemWithPutsBackpressure(EventLoop loop) {
        int maxAhead = loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>(4);
            AtomicInteger produced = new AtomicInteger();
            AtomicInteger consumed = new AtomicInteger();
            AtomicInteger ahead = new AtomicInteger();
            Task<Void> feeder = Asyncio.createTask(() -> await(
                    AsyncioReactor.intoQueue(Flux.range(0, 200).doOnNext(i -> {
                        ahead.accumulateAndGet(produced.incrementAndGet() - consumed.get(), Math::max);
                    }), q)));
            for (int i = 0; i < 200; i++) {
                assertEquals(i, q.get());
                consumed.incrementAndGet();
                Asyncio.sleep(0.1);
            }
            feeder.await();
            return ahead.get();
        });
        // At most the queue's size, plus what iterate prefetched, plus the item waiting in put().
        assertTrue(maxAhead <= 4 + AsyncioReactor.DEFAULT_PREFETCH + 1, "the source ran " + maxAhead + " items ahead");
    }

    @Test
    void intoQueueErrorsWithTheSourcesError(EventLoop loop) {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> {
            Queue<Integer> q = new Queue<>();
            return await(AsyncioReactor.intoQueue(Flux.just(1).concatWith(Flux.error(boom)), q));
        }));
        assertSame(boom, thrown);
    }

    @Test
    void aFluxThroughAQueueRoundTrips(EventLoop loop) {
        List<String> got = loop.runUntilComplete(() -> {
            Queue<String> q = new Queue<>(2);
            Task<Void> feed = Asyncio.createTask(() -> {
                await(AsyncioReactor.intoQueue(Flux.just("a", "b", "c", "d"), q));
                q.shutdown();
                return null;
            });
            List<String> out = new ArrayList<>();
            for (String s : iterate(AsyncioReactor.fromQueue(q))) {
                out.add(s);
            }
            feed.await();
            return out;
        });
        assertEquals(List.of("a", "b", "c", "d"), got);
    }
}
