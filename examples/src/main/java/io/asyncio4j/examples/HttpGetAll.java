package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio http请求(使用tcp)" §1, "一次性返回所有结果": ten GETs over
 * {@code open_connection} as tasks ({@code ensure_future}), {@code wait} for all, then print
 * every result. Fetches from the embedded {@link HttpServer} unless given a URL.
 */
public final class HttpGetAll {
    private HttpGetAll() {
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
                String url = args.length > 0 ? args[0] : server.url() + "/delay/1/page";
                try {
                    List<Task<String>> tasks = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        tasks.add(Asyncio.ensureFuture(() -> HttpGet.get(url)));
                    }
                    System.out.println("sended");
                    Asyncio.wait(tasks);
                    for (Task<String> t : tasks) {
                        System.out.println(t.result());
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
