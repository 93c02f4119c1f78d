package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ContextVar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Async generator → Flux: {@link AsyncioReactor#flux(io.asyncio4j.EventLoop, Generator)}. */
class GeneratorFluxTest {
    static final ContextVar<String> TENANT = new ContextVar<>("tenant", "-");
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
    }

    @AfterEach
    void tearDown() {
        lt.close();
    }

    private Flux<Integer> counting(int n, AtomicInteger produced) {
        return AsyncioReactor.flux(lt.loop, out -> {
            for (int i = 0; i < n; i++) {
                produced.incrementAndGet();
                out.emit(i);
            }
        });
    }

    @Test
    void emitsValuesThenCompletes() {
        StepVerifier.create(counting(5, new AtomicInteger()))
                .expectNext(0, 1, 2, 3, 4).expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void emitSuspendsWhileThereIsNoDemand() {
        AtomicInteger produced = new AtomicInteger();
        StepVerifier.create(counting(100, produced), 0)
                .expectSubscription()
                .then(lt::settle)
                .then(() -> assertTrue(produced.get() <= 1, "produced " + produced.get() + " with no demand"))
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(lt::settle)
                .then(() -> assertTrue(produced.get() <= 4, "produced " + produced.get() + " for a demand of 3"))
                .thenRequest(2)
                .expectNext(3, 4)
                .thenCancel()
                .verify(LoopThread.timeout());
    }

    @Test
    void cancellingTheFluxCancelsTheGeneratorsTask() {
        CompletableFuture<String> cleanup = new CompletableFuture<>();
        Flux<Integer> flux = AsyncioReactor.flux(lt.loop, out -> {
            try {
                for (int i = 0; ; i++) {
                    out.emit(i);
                    Asyncio.sleep(0.001);
                }
            } finally {
                cleanup.complete("finally ran");
            }
        });
        StepVerifier.create(flux).expectNext(0, 1, 2).thenCancel().verify(LoopThread.timeout());
        assertEquals("finally ran", cleanup.join());
    }

    @Test
    void bodyErrorErrorsTheFlux() {
        StepVerifier.create(AsyncioReactor.<Integer>flux(lt.loop, out -> {
                    out.emit(1);
                    throw new java.io.IOException("read failed");
                }))
                .expectNext(1)
                .expectErrorMatches(e -> e instanceof java.io.IOException && e.getMessage().equals("read failed"))
                .verify(LoopThread.timeout());
    }

    @Test
    void reentrantRequestFromOnNextDoesNotRecurseOrLoseDemand() {
        List<Integer> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger depth = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        counting(50, new AtomicInteger()).subscribe(new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription s) {
                request(1);
            }

            @Override
            protected void hookOnNext(Integer v) {
                maxDepth.accumulateAndGet(depth.incrementAndGet(), Math::max);
                got.add(v);
                request(1);
                depth.decrementAndGet();
            }

            @Override
            protected void hookOnComplete() {
                done.complete(null);
            }
        });
        done.join();
        assertEquals(50, got.size());
        assertEquals(1, maxDepth.get(), "onNext was re-entered from request()");
    }

    @Test
    void demandPastLongMaxValueIsCappedNotOverflowed() {
        StepVerifier.create(counting(10, new AtomicInteger()), 0)
                .thenRequest(Long.MAX_VALUE - 1)
                .thenRequest(Long.MAX_VALUE - 1)
                .thenRequest(5)
                .expectNextCount(10)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void generatorSeesTheSubscribersContext() {
        Flux<String> flux = AsyncioReactor.flux(lt.loop, out -> out.emit(TENANT.get()));
        StepVerifier.create(flux.contextWrite(c -> c.put(TENANT, "acme")))
                .expectNext("acme").expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void emitterExposesTheReactorContextAndSignalsArriveOnTheLoop() {
        java.util.concurrent.atomic.AtomicBoolean onLoop = new java.util.concurrent.atomic.AtomicBoolean(true);
        Flux<String> flux = AsyncioReactor.<String>flux(lt.loop, out -> out.emit(out.context().getOrDefault("k", "missing")))
                .doOnEach(signal -> onLoop.compareAndSet(true, lt.onLoop()));
        StepVerifier.create(flux.contextWrite(c -> c.put("k", "v")))
                .expectNext("v").expectComplete().verify(LoopThread.timeout());
        assertTrue(onLoop.get(), "a signal was emitted off the loop");
    }

    @Test
    void emittingNullIsAnError() {
        StepVerifier.create(AsyncioReactor.<String>flux(lt.loop, out -> out.emit(null)))
                .expectError(NullPointerException.class).verify(LoopThread.timeout());
    }

    @Test
    void fluxIsColdOneTaskPerSubscriber() {
        AtomicInteger produced = new AtomicInteger();
        Flux<Integer> flux = counting(3, produced);
        StepVerifier.create(flux).expectNextCount(3).verifyComplete();
        StepVerifier.create(flux).expectNextCount(3).verifyComplete();
        assertEquals(6, produced.get());
    }
}
