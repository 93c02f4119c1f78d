package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.streams.StreamPair;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flux-based fetching as users write it: {@code flatMap(url -> mono(loop, () -> fetch(url)),
 * concurrency)} with {@code timeout} and {@code Retry.backoff}; each fetch is an asyncio4j task
 * speaking HTTP over {@code openConnection} to a local reactor-netty server.
 */
class FluxFetchTest {
    private LoopThread lt;
    private DisposableServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    // Owned by the loop: fetches run there.
    private int inFlight;
    private int maxInFlight;
    private final CountDownLatch hangCancelled = new CountDownLatch(3);

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/ok/{name}", (req, res) -> res.sendString(Mono.just("page " + req.param("name"))))
                        .get("/flaky/{name}", (req, res) -> {
                            // 503 twice, then the page.
                            if (hits.computeIfAbsent(req.uri(), k -> new AtomicInteger()).incrementAndGet() <= 2) {
                                return res.status(HttpResponseStatus.SERVICE_UNAVAILABLE).sendString(Mono.just("busy"));
                            }
                            return res.sendString(Mono.just("page " + req.param("name")));
                        })
                        .get("/hang", (req, res) -> res.sendString(Mono.never())))
                .bindNow();
    }

    @AfterEach
    void tearDown() {
        server.disposeNow();
        lt.close();
    }

    /** An HTTP/1.1 GET in a task: the body on 200, an IOException naming the status otherwise. */
    private String fetch(String path) throws IOException {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        StreamPair conn = Asyncio.openConnection("127.0.0.1", server.port());
        try {
            conn.writer().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(conn.reader().read(), StandardCharsets.UTF_8);
            String status = response.lines().findFirst().orElse("");
            if (!status.contains(" 200 ")) {
                throw new IOException(path + ": " + status);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        } catch (CancelledError e) {
            if (path.equals("/hang")) {
                hangCancelled.countDown();
            }
            throw e;
        } finally {
            inFlight--;
            conn.writer().close();
        }
    }

    private Flux<String> fetchAll(List<String> paths, int concurrency, Duration timeout) {
        return Flux.fromIterable(paths)
                .flatMap(path -> AsyncioReactor.mono(lt.loop, () -> fetch(path))
                        .timeout(timeout)
                        .retryWhen(Retry.backoff(2, Duration.ofMillis(5)))
                        .onErrorResume(e -> Mono.just(path + " gave up: " + e.getCause().getClass().getSimpleName())),
                        concurrency);
    }

    @Test
    void flakyUrlsAreRetriedAndConcurrencyIsBounded() {
        List<String> paths = List.of("/ok/a", "/flaky/b", "/ok/c", "/flaky/d", "/ok/e", "/ok/f");
        List<String> pages = fetchAll(paths, 2, Duration.ofSeconds(10)).collectList().block(Duration.ofSeconds(30));
        assertEquals(List.of("page a", "page b", "page c", "page d", "page e", "page f"),
                pages.stream().sorted().toList());
        assertEquals(3, hits.get("/flaky/b").get(), "two 503s, then a success");
        assertEquals(3, hits.get("/flaky/d").get());
        assertTrue(lt.call(() -> maxInFlight) <= 2, "flatMap's concurrency bounds the running tasks");
        assertEquals(0, (int) lt.call(() -> inFlight));
    }

    @Test
    void aHangingUrlTimesOutEachAttemptCancelsItsTaskAndGivesUp() throws InterruptedException {
        List<String> pages = fetchAll(List.of("/ok/a", "/hang"), 2, Duration.ofMillis(200))
                .collectList().block(Duration.ofSeconds(30));
        assertEquals(List.of("/hang gave up: TimeoutException", "page a"), pages.stream().sorted().toList());
        assertTrue(hangCancelled.await(10, TimeUnit.SECONDS), "each of the three timed-out tasks saw CancelledError");
    }
}
