package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's HTTP recipe: the JDK's {@link HttpClient} awaited through
 * {@link Asyncio#await(java.util.concurrent.CompletionStage)}, against a local
 * {@link HttpServer}. Cancelling the awaiting task cancels the request: the client aborts the
 * exchange and closes the connection, so the server's late response fails to be written.
 */
@SuppressWarnings("unchecked")
class HttpClientInteropTest {
    private static final int BIG_BODY = 16 * 1024 * 1024;

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> requestArrived = new CompletableFuture<>();
    private final CompletableFuture<String> lateWrite = new CompletableFuture<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", ex -> {
            byte[] body = "hello".getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", ex -> {
            requestArrived.complete(null);
            try {
                release.await();
                ex.sendResponseHeaders(200, BIG_BODY);
                try (OutputStream out = ex.getResponseBody()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < BIG_BODY; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
                lateWrite.complete("written");
            } catch (IOException | InterruptedException e) {
                lateWrite.complete("failed: " + e.getClass().getSimpleName());
            } finally {
                ex.close();
            }
        });
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void awaitsAResponse() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            String body = Asyncio.run(() -> {
                HttpResponse<String> r = await(client.sendAsync(HttpRequest.newBuilder(uri("/hello")).build(),
                        HttpResponse.BodyHandlers.ofString()));
                assertEquals(200, r.statusCode());
                return r.body();
            });
            assertEquals("hello", body);
        }
    }

    @Test
    void cancellingTheTaskCancelsTheRequest() {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            CompletableFuture<HttpResponse<byte[]>>[] sent = new CompletableFuture[1];
            String outcome = Asyncio.run(() -> {
                Task<Integer> fetch = createTask(() -> {
                    sent[0] = client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    return await(sent[0]).statusCode();
                });
                await(requestArrived);
                fetch.cancel();
                assertThrows(CancelledError.class, fetch::await);
                release.countDown();
                return await(lateWrite);
            });
            // HttpClient's cancel(true) aborts the exchange; its future then completes exceptionally.
            assertTrue(sent[0].isCompletedExceptionally(), "the HttpClient request is aborted: " + sent[0]);
            assertTrue(outcome.startsWith("failed"), "the client closed the connection: " + outcome);
        }
    }
}
