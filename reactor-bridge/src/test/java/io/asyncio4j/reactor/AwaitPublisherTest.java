package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Awaiting a Mono/Publisher inside a task: {@link AsyncioReactor#await(org.reactivestreams.Publisher)}. */
@ExtendWith(LoopExtension.class)
class AwaitPublisherTest {
    static final ContextVar<String> USER = new ContextVar<>("user");

    @Test
    void returnsTheValueOfAMono(EventLoop loop) {
        assertEquals("v", loop.runUntilComplete(() -> await(Mono.just("v"))));
    }

    @Test
    void returnsNullForAnEmptyPublisher(EventLoop loop) {
        assertNull(loop.runUntilComplete(() -> await(Mono.empty())));
        assertNull(loop.runUntilComplete(() -> await(Flux.empty())));
    }

    @Test
    void throwsThePublishersErrorAsIs(EventLoop loop) {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(() -> await(Mono.error(boom))));
        assertSame(boom, thrown);
    }

    @Test
    void takesTheFirstValueOfAFluxAndCancelsTheRest(EventLoop loop) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger produced = new AtomicInteger();
        Integer first = loop.runUntilComplete(() -> await(Flux.range(1, 1000)
                .doOnNext(i -> produced.incrementAndGet())
                .doOnCancel(() -> cancelled.set(true))));
        assertEquals(1, first);
        assertEquals(1, produced.get());
        assertTrue(cancelled.get());
    }

    @Test
    void suspendsOnlyTheTaskWhileASignalComesFromAnotherThread(EventLoop loop) {
        String got = loop.runUntilComplete(() -> {
            Task<Integer> ticker = Asyncio.createTask(() -> {
                int n = 0;
                for (int i = 0; i < 3; i++) {
                    Asyncio.sleep(0);
                    n++;
                }
                return n;
            });
            String v = await(Mono.fromCallable(() -> "elsewhere").subscribeOn(Schedulers.boundedElastic()));
            return v + ticker.await();
        });
        assertEquals("elsewhere3", got);
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheSubscription(EventLoop loop) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Sinks.One<String> never = Sinks.one();
        boolean wasCancelled = loop.runUntilComplete(() -> {
            Task<String> t = Asyncio.createTask(() -> await(never.asMono().doOnCancel(() -> cancelled.set(true))));
            Asyncio.sleep(0.1);
            t.cancel();
            try {
                t.await();
                return false;
            } catch (CancelledError e) {
                return t.cancelled();
            }
        });
        assertTrue(wasCancelled);
        assertTrue(cancelled.get());
    }

    @Test
    void timeoutAroundAwaitCancelsTheSubscription(EventLoop loop) {
        AtomicBoolean cancelled = new AtomicBoolean();
        assertThrows(io.asyncio4j.TimeoutError.class, () -> loop.runUntilComplete(() ->
                Asyncio.waitFor(() -> await(Mono.never().doOnCancel(() -> cancelled.set(true))), 5.0)));
        assertTrue(cancelled.get());
    }

    @Test
    void publisherSeesTheTasksContextVarsInItsReactorContext(EventLoop loop) {
        String got = loop.runUntilComplete(() -> {
            USER.set("alice");
            return await(Mono.deferContextual(ctx -> Mono.just(ctx.<String>get(USER))));
        });
        assertEquals("alice", got);
    }

    @Test
    void awaitOutsideATaskFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(Mono.just(1)));
        assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
    }

    @Test
    void awaitsARealDelayOnAVirtualLoop(EventLoop loop) {
        // Mono.delay runs on Reactor's parallel scheduler (real time): the task waits for it.
        assertEquals(0L, loop.runUntilComplete(() -> await(Mono.delay(Duration.ofMillis(1)))));
    }
}
