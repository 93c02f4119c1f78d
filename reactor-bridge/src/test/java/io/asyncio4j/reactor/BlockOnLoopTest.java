package io.asyncio4j.reactor;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A running loop counts as a Reactor non-blocking thread: block() there fails fast with Reactor's
 * own message, in both strand modes, instead of stalling (fast mode) or deadlocking (portable
 * mode) the loop.
 */
class BlockOnLoopTest {
    private static final String REACTOR_MESSAGE = "block()/blockFirst()/blockLast() are blocking, which is not supported in thread";

    static {
        // AsyncioReactor registers the predicate when it loads; some of these tests touch it only later.
        NonBlockingLoops.register();
    }

    /** Calls {@code blocking} and returns the message of the IllegalStateException it must throw. */
    private static String failureOf(Runnable blocking) {
        IllegalStateException e = assertThrows(IllegalStateException.class, blocking::run);
        return e.getMessage();
    }

    @Test
    void blockInsideATaskFailsFast() {
        try (LoopThread lt = LoopThread.start()) {
            // A Mono that never completes: if block() waited, the task would never finish.
            String message = lt.run(() -> failureOf(() -> Mono.fromFuture(new CompletableFuture<String>()).block()));
            assertTrue(message.startsWith(REACTOR_MESSAGE), message);
            assertEquals("still running", lt.run(() -> "still running"));
        }
    }

    @Test
    void blockFirstAndBlockLastInsideATaskFailFast() {
        try (LoopThread lt = LoopThread.start()) {
            assertTrue(lt.run(() -> failureOf(() -> Flux.never().blockFirst())).startsWith(REACTOR_MESSAGE));
            assertTrue(lt.run(() -> failureOf(() -> Flux.never().blockLast())).startsWith(REACTOR_MESSAGE));
        }
    }

    @Test
    void blockInAPlainLoopCallbackFailsFast() {
        try (LoopThread lt = LoopThread.start()) {
            String message = lt.call(() -> failureOf(() -> Mono.never().block()));
            assertTrue(message.startsWith(REACTOR_MESSAGE), message);
            assertTrue(lt.call(Schedulers::isInNonBlockingThread));
        }
    }

    @Test
    void blockInsideAnOperatorRunningOnTheLoopSchedulerFailsAsAnError() {
        try (LoopThread lt = LoopThread.start()) {
            StepVerifier.create(Mono.just(1)
                            .publishOn(AsyncioReactor.scheduler(lt.loop))
                            .map(v -> Mono.never().block()))
                    .expectErrorSatisfies(e -> assertTrue(e.getMessage().startsWith(REACTOR_MESSAGE), e.getMessage()))
                    .verify(LoopThread.timeout());
        }
    }

    @Test
    void otherThreadsMayStillBlockOnTheBridgesPublishers() {
        try (LoopThread lt = LoopThread.start()) {
            assertFalse(Schedulers.isInNonBlockingThread());
            assertEquals("from the loop", AsyncioReactor.mono(lt.loop, () -> "from the loop").block(LoopThread.timeout()));
        }
    }
}
