package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks created inside a {@code mono}/{@code flux} body are its children: kotlinx's
 * {@code mono {}} scope; the waiting and failing rules follow {@code asyncio.TaskGroup}
 * (test_taskgroups.py: test_taskgroup_01 waits for children, test_taskgroup_03 a failing child
 * cancels its siblings).
 */
class StructuredCancellationTest {
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
    void cancellingTheSubscriptionCancelsTheChildren() {
        CompletableFuture<Void> childrenStarted = new CompletableFuture<>();
        List<CompletableFuture<String>> childOutcomes = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        Mono<Void> mono = AsyncioReactor.mono(lt.loop, () -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            for (CompletableFuture<String> outcome : childOutcomes) {
                Asyncio.getRunningLoop().createTask(() -> {
                    try {
                        return never.await();
                    } catch (CancelledError e) {
                        outcome.complete("cancelled");
                        throw e;
                    }
                });
            }
            Asyncio.sleep(0);
            childrenStarted.complete(null);
            return never.await();
        });
        StepVerifier.create(mono).expectSubscription().then(childrenStarted::join).thenCancel().verify(LoopThread.timeout());
        for (CompletableFuture<String> outcome : childOutcomes) {
            assertEquals("cancelled", outcome.join());
        }
    }

    @Test
    void grandchildrenAreCancelledToo() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<String> grandchild = new CompletableFuture<>();
        Mono<Void> mono = AsyncioReactor.mono(lt.loop, () -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().createTask(() -> Asyncio.getRunningLoop().createTask(() -> {
                try {
                    started.complete(null);
                    return never.await();
                } catch (CancelledError e) {
                    grandchild.complete("cancelled");
                    throw e;
                }
            }).await());
            return never.await();
        });
        StepVerifier.create(mono).expectSubscription().then(started::join).thenCancel().verify(LoopThread.timeout());
        assertEquals("cancelled", grandchild.join());
    }

    @Test
    void aNormalResultWaitsForTheChildren() {
        List<String> order = new ArrayList<>();
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> {
            Asyncio.getRunningLoop().createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    Asyncio.sleep(0);
                }
                order.add("child done");
                return null;
            });
            order.add("body returned");
            return "result";
        });
        StepVerifier.create(mono).expectNext("result").verifyComplete();
        assertEquals(List.of("body returned", "child done"), order);
    }

    @Test
    void aFailingChildFailsTheMonoAndCancelsItsSiblings() {
        CompletableFuture<String> sibling = new CompletableFuture<>();
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().createTask(() -> {
                try {
                    return never.await();
                } catch (CancelledError e) {
                    sibling.complete("cancelled");
                    throw e;
                }
            });
            Asyncio.getRunningLoop().createTask(() -> {
                Asyncio.sleep(0);
                throw new IllegalStateException("child broke");
            });
            return "result";
        });
        StepVerifier.create(mono)
                .expectErrorMatches(e -> e instanceof IllegalStateException && e.getMessage().equals("child broke"))
                .verify(LoopThread.timeout());
        assertEquals("cancelled", sibling.join());
    }

    @Test
    void aChildThatFailedBeforeTheBodyReturnedStillFailsTheMono() {
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> {
            Task<Object> child = Asyncio.getRunningLoop().createTask(() -> {
                throw new IllegalStateException("early");
            });
            while (!child.done()) {
                Asyncio.sleep(0);
            }
            Asyncio.sleep(0);
            return "result";
        });
        StepVerifier.create(mono)
                .expectErrorMatches(e -> e instanceof IllegalStateException && e.getMessage().equals("early"))
                .verify(LoopThread.timeout());
    }

    @Test
    void childrenAreTrackedUnderAUserTaskFactoryToo() {
        lt.call(() -> {
            lt.loop.setTaskFactory(io.asyncio4j.TaskFactory.eager());
            return null;
        });
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<String> child = new CompletableFuture<>();
        Mono<Void> mono = AsyncioReactor.mono(lt.loop, () -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().createTask(() -> {
                try {
                    started.complete(null);
                    return never.await();
                } catch (CancelledError e) {
                    child.complete("cancelled");
                    throw e;
                }
            });
            return never.await();
        });
        StepVerifier.create(mono).expectSubscription().then(started::join).thenCancel().verify(LoopThread.timeout());
        assertEquals("cancelled", child.join());
    }

    @Test
    void aFailingBodyCancelsItsChildren() {
        CompletableFuture<String> child = new CompletableFuture<>();
        Mono<String> mono = AsyncioReactor.mono(lt.loop, () -> {
            Future<Void> never = Asyncio.getRunningLoop().createFuture();
            Asyncio.getRunningLoop().createTask(() -> {
                try {
                    return never.await();
                } catch (CancelledError e) {
                    child.complete("cancelled");
                    throw e;
                }
            });
            Asyncio.sleep(0);
            throw new java.io.IOException("body broke");
        });
        StepVerifier.create(mono).expectError(java.io.IOException.class).verify(LoopThread.timeout());
        assertEquals("cancelled", child.join());
    }

    @Test
    void cancellingAFluxCancelsTheChildrenOfItsBody() {
        CompletableFuture<String> child = new CompletableFuture<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        StepVerifier.create(AsyncioReactor.flux(lt.loop, out -> {
                    Future<Void> never = Asyncio.getRunningLoop().createFuture();
                    Asyncio.getRunningLoop().createTask(() -> {
                        try {
                            started.complete(null);
                            return never.await();
                        } catch (CancelledError e) {
                            child.complete("cancelled");
                            throw e;
                        }
                    });
                    out.emit(1);
                    never.await();
                }), 1)
                .expectNext(1)
                .then(started::join)
                .thenCancel()
                .verify(LoopThread.timeout());
        assertEquals("cancelled", child.join());
    }

    @Test
    void tasksCreatedOutsideTheBodyAreNotChildren() {
        Task<String> outsider = lt.task(() -> {
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            return "untouched";
        });
        Mono<Void> mono = AsyncioReactor.mono(lt.loop, () -> {
            throw new IllegalStateException("body fails at once");
        });
        StepVerifier.create(mono).expectError(IllegalStateException.class).verify(LoopThread.timeout());
        assertEquals("untouched", lt.run(outsider::await));
        assertTrue(outsider.done());
    }
}
