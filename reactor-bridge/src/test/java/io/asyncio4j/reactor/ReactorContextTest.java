package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.ContextVar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscriber's whole Reactor context inside a bridged task, and back out through nested awaits. */
class ReactorContextTest {
    static final ContextVar<String> USER = new ContextVar<>("user", "anonymous");
    private LoopThread lt;

    @BeforeEach
    void setUp() {
        lt = LoopThread.start();
    }

    @AfterEach
    void tearDown() {
        lt.close();
    }

    @Test
    void taskSeesEveryEntryOfTheSubscribersContext() {
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> AsyncioReactor.currentContext().get("traceId"));
        StepVerifier.create(mono.contextWrite(ctx -> ctx.put("traceId", "t-1")))
                .expectNext("t-1").verifyComplete();
    }

    @Test
    void publisherAwaitedInsideTheTaskSeesTheWholeContext() {
        Mono<String> inner = Mono.deferContextual(ctx -> Mono.just(ctx.get("traceId") + "/" + ctx.get(USER)));
        Mono<String> outer = AsyncioReactor.mono(lt.loop, () -> {
            USER.set("ada");
            Asyncio.sleep(0);
            return AsyncioReactor.await(inner);
        });
        StepVerifier.create(outer.contextWrite(ctx -> ctx.put("traceId", "t-2")))
                .expectNext("t-2/ada").verifyComplete();
    }

    @Test
    void childTasksOfTheBodyInheritTheContext() {
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () ->
                Asyncio.getRunningLoop().createTask(() -> (String) AsyncioReactor.currentContext().get("tenant")).await());
        StepVerifier.create(mono.contextWrite(ctx -> ctx.put("tenant", "acme")))
                .expectNext("acme").verifyComplete();
    }

    @Test
    void fluxBodySeesTheContextToo() {
        Flux<String> flux = AsyncioReactor.flux(lt.loop, out -> {
            out.emit(AsyncioReactor.currentContext().get("k"));
            out.emit(AsyncioReactor.await(Mono.deferContextual(ctx -> Mono.just(ctx.<String>get("k") + "!"))));
        });
        StepVerifier.create(flux.contextWrite(ctx -> ctx.put("k", "v")))
                .expectNext("v", "v!").verifyComplete();
    }

    @Test
    void publisherIteratedInsideTheTaskSeesTheWholeContext() {
        Flux<String> source = Flux.deferContextual(ctx -> Flux.just(ctx.<String>get("k"), ctx.<String>get("k") + "2"));
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> {
            StringBuilder seen = new StringBuilder();
            for (String v : AsyncioReactor.iterate(source)) {
                seen.append(v).append(' ');
            }
            return seen.toString().trim();
        });
        StepVerifier.create(mono.contextWrite(ctx -> ctx.put("k", "v"))).expectNext("v v2").verifyComplete();
    }

    @Test
    void outsideABridgedTaskTheContextIsEmpty() {
        assertTrue(AsyncioReactor.currentContext().isEmpty());
        assertTrue(lt.run(() -> AsyncioReactor.currentContext().isEmpty()));
    }

    @Test
    void nestedMonosSeeTheOuterSubscribersContext() {
        Mono<String> inner = AsyncioReactor.mono(lt.loop, () -> AsyncioReactor.currentContext().get("traceId"));
        Mono<String> outer = AsyncioReactor.mono(lt.loop, () -> AsyncioReactor.await(inner));
        String got = outer.contextWrite(ctx -> ctx.put("traceId", "t-3")).block(LoopThread.timeout());
        assertEquals("t-3", got);
    }
}
