package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;

/** StepVerifier.withVirtualTime drives asyncio4j timers: {@link AsyncioReactor#virtualTimeLoop}. */
class VirtualTimeTest {
    private VirtualTimeScheduler vts;
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        vts = VirtualTimeScheduler.create();
        lt = LoopThread.start(AsyncioReactor.virtualTimeLoop(vts));
    }

    @AfterEach
    void tearDown() {
        lt.close();
        VirtualTimeScheduler.reset();
    }

    @Test
    void anHourLongSleepFiresWhenVirtualTimeReachesIt() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.mono(lt.loop, () -> Asyncio.sleep(3600, "done")), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .then(lt::settle)
                .thenAwait(Duration.ofMinutes(59))
                .then(lt::settle)
                .expectNoEvent(Duration.ofSeconds(1))
                .thenAwait(Duration.ofMinutes(1))
                .expectNext("done")
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void hourlyScheduleOfAGeneratorRunsInVirtualTime() {
        StepVerifier.withVirtualTime(() -> AsyncioReactor.flux(lt.loop, out -> {
                    for (int hour = 1; hour <= 24; hour++) {
                        Asyncio.sleep(3600);
                        out.emit(hour);
                    }
                }), () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .then(lt::settle)
                .thenAwait(Duration.ofHours(1))
                .expectNext(1)
                .then(lt::settle)
                .thenAwait(Duration.ofHours(23))
                .expectNextCount(23)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void loopSchedulerDelaysFollowVirtualTime() {
        StepVerifier.withVirtualTime(() -> Flux.just("a", "b").delayElements(Duration.ofMinutes(30), AsyncioReactor.scheduler(lt.loop)),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .then(lt::settle)
                .thenAwait(Duration.ofMinutes(30))
                .expectNext("a")
                .then(lt::settle)
                .thenAwait(Duration.ofMinutes(30))
                .expectNext("b")
                .expectComplete()
                .verify(LoopThread.timeout());
    }
}
