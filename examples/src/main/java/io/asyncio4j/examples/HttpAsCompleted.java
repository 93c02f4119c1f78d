package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio http请求(使用tcp)" §2, "逐个返回结果": the same ten GETs, printed one by one
 * as they complete with {@code as_completed}. Against the embedded server each request waits a
 * different time, so the completion order differs from the start order.
 */
public final class HttpAsCompleted {
    private HttpAsCompleted() {
    }

    /**
     * Runs the example.
     *
     * @param args optionally a URL ({@code http://host:port/path}) to fetch instead
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            loop.runUntilComplete(() -> {
                HttpServer server = args.length == 0 ? HttpServer.start() : null;
                try {
                    List<Task<String>> tasks = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        String url = args.length > 0 ? args[0] : server.url() + String.format("/delay/%.1f/page-%d", (10 - i) * 0.1, i);
                        tasks.add(Asyncio.ensureFuture(() -> HttpGet.get(url)));
                    }
                    for (Future<String> task : Asyncio.asCompleted(tasks)) {
                        String res = task.await();
                        System.out.println(res);
                    }
                } finally {
                    if (server != null) {
                        server.close();
                    }
                }
                return null;
            });
        } finally {
            loop.close();
        }
    }
}
