package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo (the README's main job): N HTTP requests, each answered after one second by the embedded
 * server, run concurrently as tasks and printed as they complete. They all finish in about the
 * time of one request: the tutorial's point about concurrency on a single thread.
 */
public final class ConcurrentFetch {
    private ConcurrentFetch() {
    }

    /**
     * Runs the demo.
     *
     * @param args {@code [N]} requests (default 10), then optionally a base URL to fetch instead
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Asyncio.run(() -> {
            HttpServer server = args.length > 1 ? null : HttpServer.start();
            String base = args.length > 1 ? args[1] : server.url();
            double delay = 1.0;
            System.out.printf("fetching %d URLs from %s, each answered after %.1f s%n", n, base, Pace.seconds(delay));
            double t0 = Asyncio.getRunningLoop().time();
            try {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String url = server != null ? base + "/delay/" + delay + "/item-" + i : base;
                    tasks.add(Asyncio.createTask(() -> HttpGet.get(url), "fetch-" + i));
                }
                int done = 0;
                for (Future<String> f : Asyncio.asCompleted(tasks)) {
                    String page = f.await();
                    done++;
                    String status = page.lines().findFirst().orElse("?");
                    System.out.printf("[%5.2f s] %2d/%d %s (%d bytes)%n",
                            Asyncio.getRunningLoop().time() - t0, done, n, status, page.length());
                }
                double took = Asyncio.getRunningLoop().time() - t0;
                System.out.printf("%d requests in %.2f s; one at a time they would take about %.2f s%n",
                        n, took, n * Pace.seconds(delay));
            } finally {
                if (server != null) {
                    server.close();
                }
            }
            return null;
        });
    }
}
