package io.asyncio4j.reactor;

import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.sync.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the Reactive Streams TCK does not check, for every publisher the bridge makes: demand
 * summed past {@code Long.MAX_VALUE} (rule 3.17: capped, not overflowed into an error or a
 * stall) and {@code request} called re-entrantly from {@code onNext} (rule 3.3: no unbounded
 * recursion, no lost demand).
 */
class RuleGapsTest {
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
    }

    @AfterEach
    void tearDown() {
        lt.close();
    }

    /** A publisher of {@code n} values (1 for the Monos) of the named adapter. */
    private Publisher<?> publisher(String kind, int n) {
        return switch (kind) {
            case "monoOfTask" -> AsyncioReactor.mono(lt.task(() -> "v"));
            case "monoOfCoroutine" -> AsyncioReactor.mono(lt.loop, () -> "v");
            case "generator" -> AsyncioReactor.flux(lt.loop, out -> {
                for (int i = 0; i < n; i++) {
                    out.emit(i);
                }
            });
            case "bytes" -> AsyncioReactor.bytes(lt.loop, lt.call(() -> {
                StreamReader r = new StreamReader();
                r.feedData(new byte[n * 10]);
                r.feedEof();
                return r;
            }), 10);
            case "lines" -> AsyncioReactor.lines(lt.loop, lt.call(() -> {
                StreamReader r = new StreamReader();
                r.feedData("x\n".repeat(n).getBytes(StandardCharsets.UTF_8));
                r.feedEof();
                return r;
            }), StandardCharsets.UTF_8);
            case "fromQueue" -> AsyncioReactor.fromQueue(lt.loop, lt.call(() -> {
                Queue<Integer> q = new Queue<>();
                for (int i = 0; i < n; i++) {
                    q.putNowait(i);
                }
                q.shutdown();
                return q;
            }));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static int expected(String kind, int n) {
        return kind.startsWith("mono") ? 1 : n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"monoOfTask", "monoOfCoroutine", "generator", "bytes", "lines", "fromQueue"})
    void demandPastLongMaxValueIsCapped(String kind) {
        StepVerifier.create(publisher(kind, 50), 0)
                .expectSubscription()
                .thenRequest(Long.MAX_VALUE - 1)
                .thenRequest(Long.MAX_VALUE - 1)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(expected(kind, 50))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"monoOfTask", "monoOfCoroutine", "generator", "bytes", "lines", "fromQueue"})
    void reentrantRequestFromOnNextNeitherRecursesNorLosesDemand(String kind) throws Exception {
        int n = 200;
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        Publisher<Object> p = (Publisher<Object>) publisher(kind, n);
        p.subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                request(1);
            }

            @Override
            protected void hookOnNext(Object v) {
                maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
                count.incrementAndGet();
                request(1);
                request(1); // more demand than needed must not cause a second onNext in this frame
                depth.decrementAndGet();
            }

            @Override
            protected void hookOnComplete() {
                end.complete(null);
            }

            @Override
            protected void hookOnError(Throwable e) {
                end.complete(e);
            }
        });
        assertNull(end.get(10, TimeUnit.SECONDS));
        assertEquals(expected(kind, n), count.get());
        assertEquals(1, maxDepth.get(), "onNext was re-entered from request()");
    }
}
