package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Calls from a foreign thread into a running loop's non-thread-safe methods fail fast with a
 * clear error, debug mode or not, and never hurt the loop or well-behaved threads; completing a
 * loop future from a foreign thread is refused before anything changes. Extends test_base_events.py
 * BaseEventLoopTests.test_check_thread and test_check_thread's future case
 * (test_futures.py BaseFutureTests: set_result in another thread goes through call_soon's check).
 * Threads wait on real signals; timeouts are only safety nets.
 */
@ExtendWith(LoopExtension.class)
class WrongThreadTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);
    private static final int ROUNDS = 2_000;

    /** Runs {@code body} on a thread of its own, started from inside the running loop. */
    private static <T> T fromIntruder(EventLoop loop, java.util.function.Function<Future<T>, Runnable> body) {
        Future<T> outcome = loop.createFuture();
        loop.callSoon(() -> new Thread(body.apply(outcome), "intruder").start());
        return assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(outcome));
    }

    private static void report(EventLoop loop, Future<String> outcome, Runnable checks) {
        try {
            checks.run();
            loop.callSoonThreadsafe(() -> outcome.setResult("ok"));
        } catch (Throwable e) {
            loop.callSoonThreadsafe(() -> outcome.setException(e));
        }
    }

    /** Without debug mode every non-thread-safe scheduling method refuses the foreign thread. */
    @Test
    void wrongThreadCallsFailFastWithoutDebug(EventLoop loop) {
        assertFalse(loop.getDebug());
        List<String> messages = new ArrayList<>();
        String result = fromIntruder(loop, outcome -> () -> report(loop, outcome, () -> {
            Runnable cb = () -> fail("a refused callback ran");
            messages.add(assertThrows(IllegalStateException.class, () -> loop.callSoon(cb)).getMessage());
            messages.add(assertThrows(IllegalStateException.class, () -> loop.callLater(0, cb)).getMessage());
            messages.add(assertThrows(IllegalStateException.class, () -> loop.callLater(Duration.ofSeconds(1), cb)).getMessage());
            messages.add(assertThrows(IllegalStateException.class, () -> loop.callAt(loop.time(), cb)).getMessage());
            messages.add(assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1)).getMessage());
        }));
        assertEquals("ok", result);
        assertEquals(5, messages.size());
        for (String m : messages) {
            assertTrue(m.contains("was called from thread 'intruder'"), m);
            assertTrue(m.contains("use callSoonThreadsafe()"), m);
        }
        // The loop is intact: it still runs callbacks in order.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            loop.callSoon(() -> order.add(n));
        }
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of(0, 1, 2), order);
    }

    /**
     * The reported corruption: one thread misuses callSoon while another sends callbacks the right
     * way. Every misuse fails, every thread-safe callback runs exactly once, the loop survives.
     */
    @Test
    void misuseDoesNotHurtWellBehavedThreads(EventLoop loop) throws Exception {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Future<Void> allRan = loop.createFuture();
        Future<Void> misuseOver = loop.createFuture();
        CompletableFuture<Throwable> misuseFailure = new CompletableFuture<>();
        Thread[] threads = new Thread[2];
        loop.callSoon(() -> {
            threads[0] = new Thread(() -> {
                try {
                    for (int i = 0; i < ROUNDS; i++) {
                        try {
                            loop.callSoon(() -> fail("a refused callback ran"));
                        } catch (IllegalStateException expected) {
                            refused.incrementAndGet();
                        }
                    }
                    misuseFailure.complete(null);
                } catch (Throwable e) {
                    misuseFailure.complete(e);
                }
                loop.callSoonThreadsafe(() -> misuseOver.setResult(null));
            }, "misuser");
            threads[1] = new Thread(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    loop.callSoonThreadsafe(() -> {
                        if (ran.incrementAndGet() == ROUNDS) {
                            allRan.setResult(null);
                        }
                    });
                }
            }, "well-behaved");
            threads[0].start();
            threads[1].start();
        });
        assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(() -> {
            allRan.await();
            misuseOver.await();
            return null;
        }));
        threads[0].join(SAFETY.toMillis());
        threads[1].join(SAFETY.toMillis());
        assertNull(misuseFailure.getNow(new AssertionError("misuser did not finish")));
        assertEquals(ROUNDS, refused.get());
        assertEquals(ROUNDS, ran.get());
    }

    /** asyncio allows call_soon before the loop runs; so does an idle loop here, from any thread. */
    @Test
    void callSoonOnAnIdleLoopIsAllowed(EventLoop loop) throws Exception {
        List<String> got = new ArrayList<>();
        loop.callSoon(() -> got.add("creator"));
        Thread other = new Thread(() -> loop.callSoon(() -> got.add("other, while idle")));
        other.start();
        other.join(SAFETY.toMillis());
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("creator", "other, while idle"), got);
    }

    /**
     * A task awaits a future; another thread tries to complete it directly. The call is refused
     * before the future changes (debug mode or not), and completing it the right way still works.
     */
    @Test
    void completingAnAwaitedFutureFromAnotherThreadIsRefused(EventLoop loop) {
        Future<String> f = loop.createFuture();
        Task<String> waiter = loop.createTask(() -> f.await());
        String message = fromIntruder(loop, outcome -> () -> {
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.setResult("wrong"));
                assertFalse(f.done());
                assertThrows(IllegalStateException.class, () -> f.setException(new RuntimeException("wrong")));
                assertThrows(IllegalStateException.class, f::cancel);
                assertThrows(IllegalStateException.class, () -> waiter.cancel());
                assertFalse(f.done());
                loop.callSoonThreadsafe(() -> {
                    f.setResult("right");
                    outcome.setResult(e.getMessage());
                });
            } catch (Throwable e) {
                loop.callSoonThreadsafe(() -> outcome.setException(e));
            }
        });
        assertTrue(message.contains("was called from thread 'intruder'"), message);
        assertEquals("right", loop.runUntilComplete(waiter));
    }

    /**
     * Debug mode catches a foreign completion even of a future nobody awaits yet (where asyncio's
     * call_soon check sees nothing to schedule, debug mode is stricter: it is a data race).
     */
    @Test
    void debugModeCatchesForeignCompletionWithoutCallbacks(EventLoop loop) {
        loop.setDebug(true);
        Future<String> f = loop.createFuture();
        String result = fromIntruder(loop, outcome -> () -> report(loop, outcome, () -> {
            assertThrows(IllegalStateException.class, () -> f.setResult("wrong"));
            assertFalse(f.done());
        }));
        assertEquals("ok", result);
        f.setResult("from the loop's own thread");
        assertEquals("from the loop's own thread", f.result());
    }

    /** Without debug mode a future with no callbacks is not checked, as asyncio does not check it. */
    @Test
    void futureWithoutCallbacksIsNotCheckedWithoutDebug(EventLoop loop) {
        Future<String> f = loop.createFuture();
        String result = fromIntruder(loop, outcome -> () -> report(loop, outcome, () -> f.setResult("unchecked")));
        assertEquals("ok", result);
        assertEquals("unchecked", f.result());
    }
}
