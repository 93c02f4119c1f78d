package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopThread;
import io.asyncio4j.reactor.AsyncioReactor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Demo: Flux-based fetching as a Reactor user writes it. Each URL becomes a cold
 * {@code mono(loop, () -> fetch(url))} (an asyncio4j task per subscription), {@code flatMap} runs
 * at most {@code concurrency} of them at once, {@code timeout} cancels a task that takes too
 * long, and {@code Retry.backoff} re-subscribes (a new task) after a failure or a timeout. One URL
 * answers 503 twice before it works, one is slower than the timeout every time and is given up
 * after two retries.
 * Everything runs against the examples' local server.
 */
public final class FluxFetchRetry {
    private FluxFetchRetry() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [CONCURRENCY]} (default 3)
     */
    public static void main(String[] args) {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (EventLoopThread loopThread = EventLoopThread.start()) {
            EventLoop loop = loopThread.loop();
            HttpServer server = Asyncio.runCoroutineThreadsafe(HttpServer::start, loop).join();
            List<String> paths = List.of("/delay/0.1/a", "/flaky/2/b", "/delay/0.2/c", "/delay/100/slow", "/d");
            // 1 s, and never under 250 ms when the examples' delays are scaled down.
            Duration timeout = Duration.ofMillis((long) (Math.max(Pace.seconds(1.0), 0.25) * 1000));
            long t0 = System.nanoTime();
            List<String> results = Flux.fromIterable(paths)
                    .flatMap(path -> AsyncioReactor.mono(loop, () -> fetch(server.url() + path))
                                    .timeout(timeout)
                                    .doOnError(e -> System.out.printf("[%5.2f s] %s failed: %s%n",
                                            (System.nanoTime() - t0) / 1e9, path, e.getClass().getSimpleName()))
                                    .retryWhen(Retry.backoff(2, Duration.ofMillis(100)))
                                    .map(status -> path + " -> " + status)
                                    .onErrorResume(e -> Mono.just(path + " -> gave up (" + e.getMessage() + ")")),
                            concurrency)
                    .doOnNext(line -> System.out.printf("[%5.2f s] %s%n", (System.nanoTime() - t0) / 1e9, line))
                    .collectList()
                    .block();
            System.out.printf("%d URLs done in %.2f s with at most %d in flight; the server answered %d requests%n",
                    results.size(), (System.nanoTime() - t0) / 1e9, concurrency,
                    Asyncio.runCoroutineThreadsafe(server::served, loop).join());
            Asyncio.runCoroutineThreadsafe(() -> {
                server.close();
                return null;
            }, loop).join();
        }
    }

    /** GETs {@code url} in a task; a status other than 200 is an {@link IOException}, so it is retried. */
    private static String fetch(String url) throws IOException {
        String page = HttpGet.get(url);
        String statusLine = page.lines().findFirst().orElse("");
        if (!statusLine.contains(" 200 ")) {
            throw new IOException(statusLine.trim());
        }
        return statusLine.trim();
    }
}
