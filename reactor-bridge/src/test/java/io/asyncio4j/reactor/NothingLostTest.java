package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.sync.PriorityQueue;
import io.asyncio4j.sync.Queue;
import org.junit.jupiter.api.Test;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, defect 1: a cancel from another thread that lands after {@code fromQueue},
 * {@code bytes()} or {@code lines()} took a value and before the subscriber got it loses nothing:
 * the value goes back to the head of the queue, or into the reader. Each deterministic case holds
 * the loop inside the take (latches, no sleeps) while the test thread cancels.
 */
class NothingLostTest {

    /** Parks the loop inside a take, once armed, until the test thread has cancelled. */
    static final class TakeGate {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch taking = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);

        void pass() {
            if (armed.compareAndSet(true, false)) {
                taking.countDown();
                await(cancelled);
            }
        }

        /** On the test thread: waits until the loop is inside the take, cancels, lets it go on. */
        void cancelDuringTake(Subscription s) {
            await(taking);
            s.cancel();
            cancelled.countDown();
        }

        private static void await(CountDownLatch latch) {
            try {
                assertTrue(latch.await(10, TimeUnit.SECONDS), "the other side never arrived");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Receives everything; requests {@code initial} on subscription. */
    static final class Recorder<T> extends BaseSubscriber<T> {
        final List<T> got = Collections.synchronizedList(new ArrayList<>());
        private final long initial;
        private final Runnable onFirst;

        Recorder(long initial, Runnable onFirst) {
            this.initial = initial;
            this.onFirst = onFirst;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(initial);
        }

        @Override
        protected void hookOnNext(T value) {
            got.add(value);
            if (got.size() == 1) {
                onFirst.run();
            }
        }
    }

    @Test
    void fromQueueGivesBackAnItemTakenWhenTheCancelArrives() {
        TakeGate gate = new TakeGate();
        try (LoopThread lt = LoopThread.start()) {
            // A priority queue's get() compares items while taking one: the gate parks it there.
            Queue<Integer> q = lt.call(() -> {
                Queue<Integer> queue = new PriorityQueue<>((a, b) -> {
                    gate.pass();
                    return Integer.compare(a, b);
                });
                for (int i = 0; i < 6; i++) {
                    queue.putNowait(i);
                }
                return queue;
            });
            Recorder<Integer> sub = new Recorder<>(2, () -> gate.armed.set(true));
            AsyncioReactor.fromQueue(lt.loop, q).subscribe(sub);
            gate.cancelDuringTake(sub);
            List<Integer> left = lt.run(() -> {
                settle();
                List<Integer> rest = new ArrayList<>();
                while (!q.empty()) {
                    rest.add(q.getNowait());
                }
                return rest;
            });
            assertEquals(List.of(0, 1, 2, 3, 4, 5), concat(sub.got, left));
        }
    }

    @Test
    void bytesUnreadsAChunkReadWhenTheCancelArrives() {
        TakeGate gate = new TakeGate();
        try (LoopThread lt = LoopThread.start()) {
            StreamReader reader = lt.call(() -> gatedReader(gate, "abcdefghij"));
            Recorder<ByteBuffer> sub = new Recorder<>(2, () -> gate.armed.set(true));
            AsyncioReactor.bytes(lt.loop, reader, 3).subscribe(sub);
            gate.cancelDuringTake(sub);
            String left = lt.run(() -> {
                settle();
                return new String(reader.read(), StandardCharsets.US_ASCII);
            });
            StringBuilder all = new StringBuilder();
            for (ByteBuffer b : sub.got) {
                all.append(StandardCharsets.US_ASCII.decode(b));
            }
            assertEquals("abcdefghij", all + left);
        }
    }

    @Test
    void linesUnreadsALineReadWhenTheCancelArrives() {
        TakeGate gate = new TakeGate();
        try (LoopThread lt = LoopThread.start()) {
            StreamReader reader = lt.call(() -> gatedReader(gate, "one\ntwo\nthree\n"));
            Recorder<String> sub = new Recorder<>(2, () -> gate.armed.set(true));
            AsyncioReactor.lines(lt.loop, reader, StandardCharsets.UTF_8).subscribe(sub);
            gate.cancelDuringTake(sub);
            String left = lt.run(() -> {
                settle();
                return new String(reader.read(), StandardCharsets.UTF_8);
            });
            assertEquals(List.of("one"), sub.got);
            assertEquals("two\nthree\n", left);
        }
    }

    /**
     * The realistic trigger: {@code take(n)} on a {@code publishOn} thread, racing the loop's
     * emissions, thousands of times with random {@code n} and prefetch. Every item is either
     * delivered by {@code fromQueue} (its {@code onNext}, seen right behind it on the loop) or
     * still in the queue, in order; what publishOn then drops from its own buffer is Reactor's
     * business. Seeded so that a failure replays.
     */
    @Test
    void takeOnAPublishOnThreadNeverLosesAnItem() {
        int items = 40;
        Random rnd = new Random(1313);
        Scheduler other = Schedulers.newSingle("downstream");
        try (LoopThread lt = LoopThread.start()) {
            for (int run = 0; run < 2000; run++) {
                Queue<Integer> q = lt.call(() -> {
                    Queue<Integer> queue = new Queue<>();
                    for (int i = 0; i < items; i++) {
                        queue.putNowait(i);
                    }
                    queue.shutdown();
                    return queue;
                });
                int n = 1 + rnd.nextInt(items);
                List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
                List<Integer> got = AsyncioReactor.fromQueue(lt.loop, q)
                        .doOnNext(delivered::add)
                        .publishOn(other, 1 + rnd.nextInt(8))
                        .take(n)
                        .collectList()
                        .block(LoopThread.timeout());
                List<Integer> left = lt.run(() -> {
                    settle();
                    List<Integer> rest = new ArrayList<>();
                    while (!q.empty()) {
                        rest.add(q.getNowait());
                    }
                    return rest;
                });
                assertEquals(IntStream.range(0, items).boxed().toList(), concat(delivered, left),
                        "run " + run + ", take(" + n + ")");
                assertEquals(IntStream.range(0, n).boxed().toList(), got, "run " + run);
            }
        } finally {
            other.dispose();
        }
    }

    /**
     * A subscriber that cancels from its own thread while the loop emits with unbounded demand:
     * what it received and what is left in the queue are every item, in order.
     */
    @Test
    void cancelFromAnotherThreadDuringUnboundedEmissionNeverLosesAnItem() throws Exception {
        int items = 64;
        Random rnd = new Random(2026);
        try (LoopThread lt = LoopThread.start()) {
            for (int run = 0; run < 2000; run++) {
                Queue<Integer> q = lt.call(() -> {
                    Queue<Integer> queue = new Queue<>();
                    for (int i = 0; i < items; i++) {
                        queue.putNowait(i);
                    }
                    return queue;
                });
                int cancelAfter = 1 + rnd.nextInt(items - 1);
                CountDownLatch reached = new CountDownLatch(1);
                List<Integer> got = Collections.synchronizedList(new ArrayList<>());
                BaseSubscriber<Integer> sub = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnNext(Integer value) {
                        got.add(value);
                        if (got.size() == cancelAfter) {
                            reached.countDown();
                        }
                    }
                };
                AsyncioReactor.fromQueue(lt.loop, q).subscribe(sub);
                assertTrue(reached.await(10, TimeUnit.SECONDS));
                sub.dispose();
                List<Integer> left = lt.run(() -> {
                    settle();
                    List<Integer> rest = new ArrayList<>();
                    while (!q.empty()) {
                        rest.add(q.getNowait());
                    }
                    return rest;
                });
                assertEquals(IntStream.range(0, items).boxed().toList(), concat(got, left), "run " + run);
            }
        }
    }

    /**
     * bytes() cancelled from another thread while the loop emits with unbounded demand, thousands
     * of times with random chunk sizes: the bytes received plus the bytes left in the reader are
     * the whole stream, in order.
     */
    @Test
    void cancelFromAnotherThreadDuringBytesEmissionNeverLosesAByte() throws Exception {
        byte[] stream = new byte[256];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = (byte) i;
        }
        Random rnd = new Random(4242);
        try (LoopThread lt = LoopThread.start()) {
            for (int run = 0; run < 2000; run++) {
                StreamReader reader = lt.call(() -> {
                    StreamReader r = new StreamReader();
                    r.feedData(stream);
                    r.feedEof();
                    return r;
                });
                int chunk = 1 + rnd.nextInt(8);
                int cancelAfter = 1 + rnd.nextInt(stream.length / 8 - 1);
                CountDownLatch reached = new CountDownLatch(1);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                int[] chunks = {0};
                BaseSubscriber<ByteBuffer> sub = new BaseSubscriber<>() {
                    @Override
                    protected void hookOnNext(ByteBuffer value) {
                        synchronized (got) {
                            byte[] b = new byte[value.remaining()];
                            value.get(b);
                            got.writeBytes(b);
                        }
                        if (++chunks[0] == cancelAfter) {
                            reached.countDown();
                        }
                    }
                };
                AsyncioReactor.bytes(lt.loop, reader, chunk).subscribe(sub);
                assertTrue(reached.await(10, TimeUnit.SECONDS));
                sub.dispose();
                byte[] left = lt.run(() -> {
                    settle();
                    return reader.read();
                });
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                synchronized (got) {
                    all.writeBytes(got.toByteArray());
                }
                all.writeBytes(left);
                assertArrayEquals(stream, all.toByteArray(), "run " + run);
            }
        }
    }

    /**
     * intoQueue cancelled while an item waits in put() on a full queue: that item and the ones it
     * had prefetched go to the subscriber's discard hook, so every item the source delivered is
     * either in the queue or reported, in order.
     */
    @Test
    void intoQueueReportsWhatItCouldNotPutToTheDiscardHook() {
        List<Integer> emitted = new ArrayList<>();
        List<Integer> discarded = new ArrayList<>();
        List<Integer> queued = VirtualTimeLoop.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            Disposable feeding = AsyncioReactor.intoQueue(Flux.range(0, 100).doOnNext(emitted::add), q)
                    .doOnDiscard(Integer.class, discarded::add)
                    .subscribe();
            settle();
            assertTrue(q.full());
            feeding.dispose();
            settle();
            List<Integer> rest = new ArrayList<>();
            while (!q.empty()) {
                rest.add(q.getNowait());
            }
            return rest;
        });
        assertEquals(List.of(0, 1), queued);
        assertTrue(discarded.size() > 1, "the item waiting in put() and the prefetched ones: " + discarded);
        assertEquals(emitted, concat(queued, discarded));
    }

    private static StreamReader gatedReader(TakeGate gate, String content) {
        StreamReader r = new StreamReader() {
            @Override
            public byte[] read(int n) {
                byte[] piece = super.read(n);
                gate.pass();
                return piece;
            }

            @Override
            public byte[] readline() {
                byte[] line = super.readline();
                gate.pass();
                return line;
            }
        };
        r.feedData(content.getBytes(StandardCharsets.US_ASCII));
        r.feedEof();
        return r;
    }

    /** Lets a cancelled generator task finish its last step (it gives back what it held). */
    private static void settle() {
        for (int i = 0; i < 5; i++) {
            Asyncio.sleep(0);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

}
