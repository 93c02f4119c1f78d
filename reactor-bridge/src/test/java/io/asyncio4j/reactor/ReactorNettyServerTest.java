package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.ContextVar;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.function.Tuple2;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real reactor-netty HTTP server whose handlers run asyncio4j tasks through the bridge and go
 * back to Reactor: which thread each step runs on, the request's Reactor context inside the task
 * and out again, a client disconnect cancelling the task, and task errors mapped to responses.
 */
class ReactorNettyServerTest {
    static final ContextVar<String> USER = new ContextVar<>("user", "anonymous");
    private LoopThread lt;
    private DisposableServer server;
    private final Map<String, String> steps = new ConcurrentHashMap<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowCancelled = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/hello", this::hello)
                        .get("/slow", this::slow)
                        .get("/timeout", this::timesOut)
                        .get("/bad", this::bad))
                .bindNow();
    }

    @AfterEach
    void tearDown() {
        server.disposeNow();
        lt.close();
    }

    /** Netty thread → task on the loop (reads the request context, awaits a Reactor publisher) → loop → boundedElastic. */
    private Mono<Void> hello(HttpServerRequest req, HttpServerResponse res) {
        steps.put("handler", Thread.currentThread().getName());
        Mono<String> answer = AsyncioReactor.mono(lt.loop, () -> {
                    steps.put("task on loop", String.valueOf(lt.onLoop()));
                    USER.set("ada");
                    // A Reactor publisher awaited in the task sees the request context and the task's ContextVar.
                    return AsyncioReactor.await(Mono.deferContextual(ctx ->
                            Mono.just(ctx.<String>get("requestId") + " for " + ctx.get(USER))));
                })
                .doOnNext(v -> steps.put("signal on loop", String.valueOf(lt.onLoop())))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(v -> steps.put("after publishOn", Thread.currentThread().getName()))
                .contextWrite(ctx -> ctx.put("requestId", req.requestHeaders().get("X-Request-Id", "none")));
        return res.sendString(answer).then();
    }

    private Mono<Void> slow(HttpServerRequest req, HttpServerResponse res) {
        Mono<String> never = AsyncioReactor.mono(lt.loop, () -> {
            Future<String> forever = Asyncio.getRunningLoop().createFuture();
            slowStarted.countDown();
            try {
                return forever.await();
            } catch (CancelledError e) {
                slowCancelled.countDown();
                throw e;
            }
        });
        return res.sendString(never).then();
    }

    private Mono<Void> timesOut(HttpServerRequest req, HttpServerResponse res) {
        return respond(res, AsyncioReactor.mono(lt.loop, () ->
                Asyncio.waitFor(Asyncio.getRunningLoop().<String>createFuture(), 0.01)));
    }

    private Mono<Void> bad(HttpServerRequest req, HttpServerResponse res) {
        return respond(res, AsyncioReactor.mono(lt.loop, () -> {
            throw new IllegalArgumentException("no such item");
        }));
    }

    /** Maps a task's outcome to a response: TimeoutError → 504, IllegalArgumentException → 400. */
    private static Mono<Void> respond(HttpServerResponse res, Mono<String> body) {
        return body.flatMap(v -> res.sendString(Mono.just(v)).then())
                .onErrorResume(TimeoutError.class, e -> res.status(HttpResponseStatus.GATEWAY_TIMEOUT).sendString(Mono.just("timed out")).then())
                .onErrorResume(IllegalArgumentException.class, e -> res.status(HttpResponseStatus.BAD_REQUEST).sendString(Mono.just(e.getMessage())).then());
    }

    private HttpClient client() {
        return HttpClient.newConnection().host("127.0.0.1").port(server.port());
    }

    private Tuple2<Integer, String> get(String path) {
        return client().get().uri(path)
                .responseSingle((r, body) -> body.asString().defaultIfEmpty("").map(s -> reactor.util.function.Tuples.of(r.status().code(), s)))
                .block(LoopThread.timeout());
    }

    @Test
    void handlerHopsToTheLoopAndBackWithTheRequestContextBothWays() {
        String body = client().headers(h -> h.add("X-Request-Id", "req-7")).get().uri("/hello")
                .responseContent().aggregate().asString().block(LoopThread.timeout());
        assertEquals("req-7 for ada", body);
        assertTrue(steps.get("handler").startsWith("reactor-http-"), steps.toString());
        assertEquals("true", steps.get("task on loop"), "the task runs on the asyncio4j loop");
        assertEquals("true", steps.get("signal on loop"), "the Mono signals on the loop");
        assertTrue(steps.get("after publishOn").startsWith("boundedElastic-"), steps.toString());
    }

    @Test
    void clientDisconnectCancelsTheTask() throws InterruptedException {
        var pending = client().get().uri("/slow").responseContent().aggregate().asString().subscribe();
        assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "the task started");
        pending.dispose();
        assertTrue(slowCancelled.await(10, TimeUnit.SECONDS), "the task saw CancelledError once the client went away");
    }

    @Test
    void timeoutErrorBecomes504() {
        Tuple2<Integer, String> answer = get("/timeout");
        assertEquals(504, answer.getT1());
        assertEquals("timed out", answer.getT2());
    }

    @Test
    void badInputBecomes400WithTheMessage() {
        Tuple2<Integer, String> answer = get("/bad");
        assertEquals(400, answer.getT1());
        assertEquals("no such item", answer.getT2());
    }

    @Test
    void serverStaysUsableAfterErrors() {
        assertEquals(List.of(504, 400), List.of(get("/timeout").getT1(), get("/bad").getT1()));
        assertEquals(200, client().get().uri("/hello").response().block(LoopThread.timeout()).status().code());
    }
}
