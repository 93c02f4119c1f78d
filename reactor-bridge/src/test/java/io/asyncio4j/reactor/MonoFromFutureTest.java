package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task/Future → Mono: {@link AsyncioReactor#mono(Future)}. */
class MonoFromFutureTest {
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
    void emitsTheResultOfAFutureCompletedLater() {
        Future<String> f = lt.future();
        StepVerifier.create(AsyncioReactor.mono(f))
                .expectSubscription()
                .then(() -> lt.loop.callSoonThreadsafe(() -> f.setResult("hello")))
                .expectNext("hello")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void emitsTheResultOfAFinishedTask() {
        Task<Integer> t = lt.task(() -> 42);
        StepVerifier.create(AsyncioReactor.mono(t)).expectNext(42).expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void nullResultCompletesEmpty() {
        Task<Void> t = lt.task(() -> null);
        StepVerifier.create(AsyncioReactor.mono(t)).expectComplete().verify(LoopThread.timeout());
    }

    @Test
    void exceptionBecomesOnErrorAsIs() {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<String> t = lt.task(() -> {
            throw boom;
        });
        StepVerifier.create(AsyncioReactor.mono(t))
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(LoopThread.timeout());
    }

    @Test
    void cancelledTaskSignalsCancellationExceptionNamingTheTask() {
        Future<Void> never = lt.future();
        Task<Void> t = lt.call(() -> lt.loop.createTask(never::await, "worker"));
        lt.call(() -> t.cancel("shutting down"));
        StepVerifier.create(AsyncioReactor.mono(t))
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof CancellationException, e.toString());
                    assertEquals("Task 'worker' was cancelled: shutting down", e.getMessage());
                })
                .verify(LoopThread.timeout());
    }

    @Test
    void disposingTheSubscriptionCancelsTheTask() {
        Future<Void> never = lt.future();
        CompletableFuture<Boolean> sawCancel = new CompletableFuture<>();
        Task<Void> t = lt.task(() -> {
            try {
                return never.await();
            } catch (CancellationException e) {
                sawCancel.complete(true);
                throw e;
            }
        });
        StepVerifier.create(AsyncioReactor.mono(t))
                .expectSubscription()
                .thenCancel()
                .verify(LoopThread.timeout());
        assertTrue(sawCancel.join());
        assertTrue(lt.call(t::cancelled));
    }

    @Test
    void signalsAreEmittedOnTheLoopThread() {
        Task<String> t = lt.task(() -> {
            Asyncio.sleep(0);
            return "x";
        });
        AtomicReference<Boolean> seen = new AtomicReference<>();
        StepVerifier.create(AsyncioReactor.mono(t).doOnNext(v -> seen.set(lt.onLoop())))
                .expectNext("x").expectComplete().verify(LoopThread.timeout());
        assertTrue(seen.get(), "signal delivered off the loop");
    }

    @Test
    void publishOnMovesSignalsOffTheLoop() {
        Task<String> t = lt.task(() -> "x");
        AtomicReference<Boolean> seen = new AtomicReference<>();
        StepVerifier.create(AsyncioReactor.mono(t).publishOn(Schedulers.single()).doOnNext(v -> seen.set(lt.onLoop())))
                .expectNext("x").expectComplete().verify(LoopThread.timeout());
        assertFalse(seen.get(), "publishOn should move the signal off the loop");
    }

    @Test
    void nothingIsEmittedBeforeRequest() {
        Task<String> t = lt.task(() -> "late");
        lt.run(() -> t.await());
        StepVerifier.create(AsyncioReactor.mono(t), 0)
                .expectSubscription()
                .then(lt::settle)
                .thenRequest(1)
                .expectNext("late")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void subscribingFromManyThreadsSeesTheSameOutcome() throws Exception {
        Future<Integer> f = lt.future();
        Mono<Integer> mono = AsyncioReactor.mono(f);
        int n = 8;
        CompletableFuture<?>[] results = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            results[i] = CompletableFuture.supplyAsync(() -> mono.toFuture()).thenCompose(x -> x);
        }
        lt.loop.callSoonThreadsafe(() -> f.setResult(7));
        for (CompletableFuture<?> r : results) {
            assertEquals(7, r.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void subscribingInsideATaskWorksWithoutHopping() {
        String got = lt.run(() -> {
            Task<String> inner = Asyncio.createTask(() -> "inner");
            return AsyncioReactor.await(AsyncioReactor.mono(inner));
        });
        assertEquals("inner", got);
    }

    @Test
    void requestOfZeroIsAnIllegalArgumentPerRule309() {
        Future<String> f = lt.future();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Disposable d = AsyncioReactor.mono(f).subscribe(v -> { }, e -> {
            error.set(e);
            done.complete(null);
        }, () -> done.complete(null), s -> s.request(0));
        done.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertTrue(error.get() instanceof IllegalArgumentException, String.valueOf(error.get()));
        assertTrue(lt.call(f::cancelled));
        d.dispose();
    }

    @Test
    void subscribingToAFutureOfAClosedLoopFails() throws Exception {
        io.asyncio4j.EventLoop other = Asyncio.newEventLoop();
        Future<String> f = other.createFuture();
        other.close();
        // From a foreign thread the hop fails: a clear error instead of a hang.
        CompletableFuture<Throwable> err = CompletableFuture.supplyAsync(() -> {
            try {
                AsyncioReactor.mono(f).block(java.time.Duration.ofSeconds(5));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Throwable e = err.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(e instanceof IllegalStateException && e.getMessage().contains("closed"), String.valueOf(e));
        assertThrows(NullPointerException.class, () -> AsyncioReactor.mono((Future<String>) null));
    }
}
