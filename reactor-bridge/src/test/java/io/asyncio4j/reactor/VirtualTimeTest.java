package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * StepVerifier.withVirtualTime drives asyncio4j timers ({@link AsyncioReactor#virtualTimeLoop}),
 * written as a Reactor user writes it: subscribe, then one {@code thenAwait}, with no round trip
 * to the loop in between. Each case is repeated because the failure it guards against was a race
 * between the test thread and the loop thread.
 */
class VirtualTimeTest {
    /** Enough rounds to catch a race that lost most runs; a few hundred passed locally for each case. */
    private static final int ROUNDS = 20;

    private VirtualTimeScheduler vts;
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        vts = VirtualTimeScheduler.create();
        lt = LoopThread.start(() -> AsyncioReactor.virtualTimeLoop(vts));
    }

    @AfterEach
    void tearDown() {
        lt.close();
        VirtualTimeScheduler.reset();
    }

    @RepeatedTest(ROUNDS)
    void aMonoSleepingAnHourCompletesWhenVirtualTimeReachesIt() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> Asyncio.sleep(3600, "done")), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectNext("done")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @RepeatedTest(ROUNDS)
    void anHourLongSleepDoesNotFireASecondEarly() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> Asyncio.sleep(3600, "done")), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(59).plusSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .expectNext("done")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @RepeatedTest(ROUNDS)
    void retryWhenWithAFixedDelayResubscribesAFlakyTaskInVirtualTime() {
        AtomicInteger attempts = new AtomicInteger();
        // Each attempt takes a minute; the first two fail. 1 + 10 + 1 + 10 + 1 minutes in all, to the nanosecond.
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> {
                            int attempt = attempts.incrementAndGet();
                            Asyncio.sleep(60);
                            if (attempt < 3) {
                                throw new IllegalStateException("flaky attempt " + attempt);
                            }
                            return "ok after " + attempt + " at " + Asyncio.getRunningLoop().time();
                        }).retryWhen(Retry.fixedDelay(5, Duration.ofMinutes(10))),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(23))
                .expectNext("ok after 3 at 1380.0")
                .expectComplete()
                .verify(LoopThread.timeout());
        assertEquals(3, attempts.get());
    }

    @RepeatedTest(ROUNDS)
    void aGeneratorEmittingHourlyRunsADayInOneStep() {
        List<Integer> hours = IntStream.rangeClosed(1, 24).boxed().toList();
        StepVerifier.withVirtualTime(() -> AsyncioReactor.flux(lt.loop, out -> {
                    for (int hour = 1; hour <= 24; hour++) {
                        Asyncio.sleep(3600);
                        out.emit(hour);
                    }
                }), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofDays(1))
                .expectNextSequence(hours)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @RepeatedTest(ROUNDS)
    void reactorsTimeoutCancelsALongTaskAtTheVirtualDeadline() throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> {
                            try {
                                Asyncio.sleep(3600);
                                outcome.complete("finished");
                                return "too late";
                            } catch (CancelledError e) {
                                outcome.complete("cancelled at " + Asyncio.getRunningLoop().time());
                                throw e;
                            }
                        }).timeout(Duration.ofMinutes(5)),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(5))
                .expectError(TimeoutException.class)
                .verify(LoopThread.timeout());
        assertEquals("cancelled at 300.0", outcome.get(10, TimeUnit.SECONDS));
    }

    @RepeatedTest(ROUNDS)
    void aDelayOnTheVirtualSchedulerFlatMapsIntoATask() {
        StepVerifier.withVirtualTime(() -> Mono.delay(Duration.ofMinutes(30))
                                .flatMap(tick -> AsyncioReactor.mono(lt.loop, () -> {
                                    Asyncio.sleep(1800);
                                    return Asyncio.getRunningLoop().time();
                                })),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectNext(3600.0)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @RepeatedTest(ROUNDS)
    void aTaskAwaitingAReactorDelayThenSleepingChainsBothClocks() {
        // The delay fires on the scheduler's thread and resumes the task through the loop's inbox.
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> {
                            AsyncioReactor.await(Mono.delay(Duration.ofHours(1)));
                            Asyncio.sleep(3600);
                            return Asyncio.getRunningLoop().time();
                        }),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofHours(2))
                .expectNext(7200.0)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @RepeatedTest(ROUNDS)
    void loopSchedulerDelaysFollowVirtualTime() {
        StepVerifier.withVirtualTime(() -> Flux.just("a", "b").delayElements(Duration.ofMinutes(30), AsyncioReactor.scheduler(lt.loop)),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofHours(1))
                .expectNext("a", "b")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void withVirtualTimeWithoutTheLoopsSchedulerFailsSayingWhatToDo() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> Asyncio.sleep(3600, "done")))
                .expectSubscription()
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("StepVerifier.withVirtualTime(() -> publisher, () -> vts, n)"), e.getMessage());
                })
                .verify(LoopThread.timeout());
    }

    @Test
    void aGeneratorOnTheWrongVirtualTimeFailsToo() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.flux(lt.loop, out -> out.emit(1)))
                .expectSubscription()
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().contains("another VirtualTimeScheduler is installed"), e.getMessage()))
                .verify(LoopThread.timeout());
    }
}
