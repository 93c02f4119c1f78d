package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Flux-based fetching pipeline of {@link FluxFetchTest} under virtual time: the "server" is a
 * table of latencies slept on a {@link AsyncioReactor#virtualTimeLoop virtual-time loop}, and
 * Reactor's {@code timeout} and {@code Retry.backoff} run on the same {@link VirtualTimeScheduler},
 * so seconds of timeouts and back-offs take no wall-clock time.
 */
class FluxFetchVirtualTimeTest {
    private VirtualTimeScheduler vts;
    private LoopThread lt;
    // Owned by the loop.
    private final Map<String, Integer> attempts = new HashMap<>();
    private int hangsCancelled;

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

    /** A fetch in a task: 2 s for a page; "flaky" fails twice first; "hang" never answers. */
    private String fetch(String url) throws IOException {
        int attempt = attempts.merge(url, 1, Integer::sum);
        try {
            Asyncio.sleep(url.equals("hang") ? 86_400 : 2);
        } catch (CancelledError e) {
            if (url.equals("hang")) {
                hangsCancelled++;
            }
            throw e;
        }
        if (url.equals("flaky") && attempt <= 2) {
            throw new IOException("503 from " + url);
        }
        return "page " + url;
    }

    @Test
    void timeoutsAndBackoffRunInVirtualTime() {
        // Written the plain Reactor way: one thenAwait for the whole schedule, no hand-made steps.
        StepVerifier.withVirtualTime(() -> Flux.fromIterable(List.of("a", "flaky", "hang", "b"))
                                .flatMap(url -> AsyncioReactor.mono(lt.loop, () -> fetch(url))
                                                .timeout(Duration.ofSeconds(5), vts)
                                                .retryWhen(Retry.backoff(2, Duration.ofSeconds(1)).jitter(0).scheduler(vts))
                                                .onErrorResume(e -> Mono.just(url + " gave up")),
                                        2)
                                .collectSortedList(),
                        () -> vts, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMinutes(2))
                .expectNext(List.of("hang gave up", "page a", "page b", "page flaky"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertEquals(3, (int) lt.call(() -> attempts.get("hang")), "hang uses up both retries");
        assertEquals(3, (int) lt.call(() -> attempts.get("flaky")), "flaky fails twice, the second retry gets the page");
        assertEquals(3, (int) lt.call(() -> hangsCancelled), "each timed-out attempt's task was cancelled");
    }
}
