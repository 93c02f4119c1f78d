package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coroutine → cold Mono: {@link AsyncioReactor#mono(io.asyncio4j.EventLoop, io.asyncio4j.Coroutine)}. */
class MonoFromCoroutineTest {
    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "none");
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
    }

    @AfterEach
    void tearDown() {
        lt.close();
    }

    @Test
    void isColdAndRunsOneTaskPerSubscription() {
        AtomicInteger runs = new AtomicInteger();
        Mono<Integer> mono = AsyncioReactor.mono(lt.loop, () -> {
            Asyncio.sleep(0);
            return runs.incrementAndGet();
        });
        assertEquals(0, runs.get());
        StepVerifier.create(mono).expectNext(1).expectComplete().verify(LoopThread.timeout());
        StepVerifier.create(mono).expectNext(2).expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void errorOfTheBodyIsTheMonosError() {
        StepVerifier.create(AsyncioReactor.mono(lt.loop, () -> {
                    throw new java.io.IOException("disk");
                }))
                .expectErrorMatches(e -> e instanceof java.io.IOException && e.getMessage().equals("disk"))
                .verify(LoopThread.timeout());
    }

    @Test
    void cancellingTheSubscriptionCancelsTheRunningTask() {
        Future<Void> never = lt.future();
        CompletableFuture<String> cleanup = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Mono<Void> mono = AsyncioReactor.mono(lt.loop, () -> {
            started.complete(null);
            try {
                return never.await();
            } finally {
                cleanup.complete("finally ran");
            }
        });
        StepVerifier.create(mono)
                .expectSubscription()
                .then(started::join)
                .thenCancel()
                .verify(LoopThread.timeout());
        assertEquals("finally ran", cleanup.join());
    }

    @Test
    void cancelBeforeTheTaskStartsRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        StepVerifier.create(AsyncioReactor.mono(lt.loop, runs::incrementAndGet))
                .thenCancel()
                .verify(LoopThread.timeout());
        lt.run(() -> {
            Asyncio.sleep(0);
            return null;
        });
        assertEquals(0, runs.get());
    }

    @Test
    void taskSeesTheSubscribersContextAsContextVars() {
        Mono<String> mono = AsyncioReactor.mono(lt.loop, REQUEST_ID::get);
        StepVerifier.create(mono.contextWrite(ctx -> ctx.put(REQUEST_ID, "r-42")))
                .expectNext("r-42").expectComplete().verify(LoopThread.timeout());
        StepVerifier.create(mono).expectNext("none").expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void monoWithoutLoopUsesTheRunningOne() {
        String got = lt.run(() -> AsyncioReactor.await(AsyncioReactor.mono(() -> "from running loop")));
        assertEquals("from running loop", got);
        assertThrows(IllegalStateException.class, () -> AsyncioReactor.mono(() -> "x"),
                "outside a loop there is no running loop to pick");
    }

    @Test
    void resultCanBeBlockedOnFromAnotherThread() {
        assertEquals("blocked", AsyncioReactor.mono(lt.loop, () -> "blocked").block(LoopThread.timeout()));
        assertTrue(AsyncioReactor.mono(lt.loop, () -> null).blockOptional(LoopThread.timeout()).isEmpty());
    }
}
