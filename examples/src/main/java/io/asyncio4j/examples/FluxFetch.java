package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopThread;
import io.asyncio4j.reactor.AsyncioReactor;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Demo: fetching through the reactor-bridge. The event loop runs on its own thread; a Reactor
 * pipeline turns each URL into a cold {@code Mono} that runs {@code get_html} as an asyncio4j task
 * ({@link AsyncioReactor#mono(EventLoop, io.asyncio4j.Coroutine)}), merges them in completion order
 * ({@code flatMap}) and ends with a summary line. Each URL is answered after a different delay, so
 * the completion order differs from the request order.
 */
public final class FluxFetch {
    private FluxFetch() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [N]} URLs (default 8)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        try (EventLoopThread loopThread = EventLoopThread.start()) {
            EventLoop loop = loopThread.loop();
            HttpServer server = Asyncio.runCoroutineThreadsafe(HttpServer::start, loop).join();
            long t0 = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            List<String> order = Flux.range(0, n)
                    .flatMap(i -> AsyncioReactor.mono(loop, () -> HttpGet.get(
                                    server.url() + String.format("/delay/%.1f/item-%d", (n - i) * 0.1, i)))
                            .map(page -> "item-" + i + " (" + page.length() + " bytes)"))
                    .doOnNext(item -> System.out.printf("[%5.2f s] %d/%d %s%n",
                            (System.nanoTime() - t0) / 1e9, done.incrementAndGet(), n, item))
                    .collectList()
                    .block();
            System.out.printf("%d pages merged in completion order in %.2f s: %s%n",
                    order.size(), (System.nanoTime() - t0) / 1e9, order.stream().map(s -> s.split(" ")[0]).toList());
            Asyncio.runCoroutineThreadsafe(() -> {
                server.close();
                return null;
            }, loop).join();
        }
    }
}
