package io.asyncio4j.reactor;

import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.sync.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Issue 13, defect 2: {@code fromQueue}, {@code bytes()} and {@code lines()} signal completion
 * and errors as soon as they are known, without waiting for the next request (Reactive Streams
 * allows onComplete and onError without demand).
 */
class CompletionWithoutDemandTest {
    private LoopThread lt;

    @BeforeEach
    void start() {
        lt = LoopThread.start();
    }

    @AfterEach
    void stop() {
        lt.close();
    }

    private Queue<Integer> shutDownQueueOf(int n) {
        return lt.call(() -> {
            Queue<Integer> q = new Queue<>();
            for (int i = 0; i < n; i++) {
                q.putNowait(i);
            }
            q.shutdown();
            return q;
        });
    }

    @Test
    void fromQueueCompletesWhenExactlyTheRemainingItemsWereRequested() {
        StepVerifier.create(AsyncioReactor.fromQueue(lt.loop, shutDownQueueOf(3)), 3)
                .expectNext(0, 1, 2)
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void fromQueueCompletesWhenTheQueueShutsDownWhileNothingIsRequested() {
        Queue<Integer> q = lt.call(Queue::new);
        StepVerifier.create(AsyncioReactor.fromQueue(lt.loop, q), 0)
                .expectSubscription()
                .then(() -> lt.call(() -> {
                    q.shutdown();
                    return null;
                }))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void fromQueueCompletesOnImmediateShutdownWhileNothingIsRequested() {
        Queue<Integer> q = lt.call(() -> new Queue<Integer>());
        StepVerifier.create(AsyncioReactor.fromQueue(lt.loop, q), 1)
                .then(() -> lt.call(() -> {
                    q.putNowait(7);
                    return null;
                }))
                .expectNext(7)
                .then(() -> lt.call(() -> {
                    q.shutdown(true);
                    return null;
                }))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void bytesCompletesAtEofWithoutAnotherRequest() {
        StreamReader reader = lt.call(StreamReader::new);
        StepVerifier.create(AsyncioReactor.bytes(lt.loop, reader, 4), 2)
                .then(() -> lt.call(() -> {
                    reader.feedData("abcdefgh".getBytes(StandardCharsets.US_ASCII));
                    return null;
                }))
                .expectNextCount(2)
                .then(() -> lt.call(() -> {
                    reader.feedEof();
                    return null;
                }))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void bytesSignalsAConnectionErrorWhileNothingIsRequested() {
        StreamReader reader = lt.call(StreamReader::new);
        IOException reset = new IOException("connection reset");
        StepVerifier.create(AsyncioReactor.bytes(lt.loop, reader, 4), 0)
                .expectSubscription()
                .then(() -> lt.call(() -> {
                    reader.setException(reset);
                    return null;
                }))
                .expectErrorMatches(e -> e == reset)
                .verify(LoopThread.timeout());
    }

    @Test
    void linesCompleteAtEofWithoutAnotherRequest() {
        StreamReader reader = lt.call(() -> {
            StreamReader r = new StreamReader();
            r.feedData("a\nb\n".getBytes(StandardCharsets.UTF_8));
            return r;
        });
        StepVerifier.create(AsyncioReactor.lines(lt.loop, reader, StandardCharsets.UTF_8), 2)
                .expectNext("a", "b")
                .then(() -> lt.call(() -> {
                    reader.feedEof();
                    return null;
                }))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void linesSignalAConnectionErrorWhileNothingIsRequested() {
        StreamReader reader = lt.call(StreamReader::new);
        IOException reset = new IOException("connection reset");
        StepVerifier.create(AsyncioReactor.lines(lt.loop, reader, StandardCharsets.UTF_8), 1)
                .then(() -> lt.call(() -> {
                    reader.feedData("only\n".getBytes(StandardCharsets.UTF_8));
                    return null;
                }))
                .expectNext("only")
                .then(() -> lt.call(() -> {
                    reader.setException(reset);
                    return null;
                }))
                .expectErrorMatches(e -> e == reset)
                .verify(LoopThread.timeout());
    }
}
