package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Debug mode: slow callbacks reported with the stack of what blocked, never-retrieved
 * exceptions, tasks destroyed while pending, wrong-thread calls. Ports test_base_events.py
 * BaseEventLoopTests.test_set_debug/test_check_thread/test_log_slow_callbacks/test_env_var_debug,
 * test_futures.py test_tb_logger_* and test_tasks.py test_log_destroyed_pending_task and
 * test_futures.py test_future_exception_never_retrieved.
 */
@ExtendWith(LoopExtension.class)
class DebugModeTest {
    private static final Duration SAFETY = Duration.ofSeconds(30);

    /** Ports test_base_events.py BaseEventLoopTests.test_set_debug. */
    @Test
    void setDebug(EventLoop loop) {
        loop.setDebug(true);
        assertTrue(loop.getDebug());
        loop.setDebug(false);
        assertFalse(loop.getDebug());
        assertEquals(0.1, loop.getSlowCallbackDuration(), 1e-9);
        loop.setSlowCallbackDuration(0.25);
        assertEquals(0.25, loop.getSlowCallbackDuration(), 1e-9);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_env_var_debug (as the system property). */
    @Test
    void debugFromSystemProperty() {
        String before = System.getProperty("asyncio4j.debug");
        System.setProperty("asyncio4j.debug", "true");
        EventLoop l = Asyncio.newEventLoop();
        try {
            assertTrue(l.getDebug());
        } finally {
            l.close();
            if (before == null) {
                System.clearProperty("asyncio4j.debug");
            } else {
                System.setProperty("asyncio4j.debug", before);
            }
        }
    }

    /** Blocks the loop's thread (the slow callback under test) until the latch times out. */
    private static void blockTheLoop(CountDownLatch never) {
        try {
            assertFalse(never.await(1000, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_log_slow_callbacks: the warning names the
     * callback, its duration and the stack of what blocked it.
     */
    @Test
    void slowCallbackIsLoggedWithTheBlockingStack(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        CountDownLatch never = new CountDownLatch(1);
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> blockTheLoop(never));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> warnings = logs.atLeast(Level.WARNING, "Executing");
            assertEquals(1, warnings.size(), warnings.toString());
            String msg = warnings.get(0).getMessage();
            assertTrue(msg.startsWith("Executing Handle["), msg);
            assertTrue(msg.matches("(?s).* took \\d+\\.\\d{3} seconds.*"), msg);
            assertTrue(msg.contains("it was blocked in:"), msg);
            assertTrue(msg.contains("blockTheLoop"), msg);
        }
    }

    /** Ports test_base_events.py test_log_slow_callbacks for a task step that blocks its strand. */
    @Test
    void slowTaskStepIsLoggedWithTheBlockingStack(EventLoop loop) {
        loop.setDebug(true);
        loop.setSlowCallbackDuration(0.05);
        CountDownLatch never = new CountDownLatch(1);
        try (LogCapture logs = new LogCapture()) {
            loop.runUntilComplete(loop.createTask(() -> {
                blockTheLoop(never);
                return null;
            }, "blocker"));
            List<LogRecord> warnings = logs.atLeast(Level.WARNING, "Executing");
            assertEquals(1, warnings.size(), warnings.toString());
            String msg = warnings.get(0).getMessage();
            assertTrue(msg.contains("blocker"), msg);
            assertTrue(msg.contains("blockTheLoop"), msg);
        }
    }

    /** A fast callback is not reported. */
    @Test
    void fastCallbackIsNotLogged(EventLoop loop) {
        loop.setDebug(true);
        try (LogCapture logs = new LogCapture()) {
            loop.runUntilComplete(() -> {
                Asyncio.sleep(10);
                return null;
            });
            assertEquals(List.of(), logs.atLeast(Level.WARNING, "Executing"));
        }
    }

    private static void makeUnretrievedFailures(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        f.setException(new IllegalStateException("never looked at"));
    }

    private static void makeHarmlessFutures(EventLoop loop) {
        Future<Object> retrieved = loop.createFuture();
        retrieved.setException(new IllegalStateException("looked at"));
        retrieved.exception();
        Future<Object> resultOnly = loop.createFuture();
        resultOnly.setResult("ok");
        Future<Object> cancelled = loop.createFuture();
        cancelled.cancel();
        Future<Object> abandoned = loop.createFuture();
        assertFalse(abandoned.done());
    }

    /** Collects garbage until the handler saw {@code n} calls (bounded), letting reports reach the loop. */
    private static void gcUntilReported(EventLoop loop, LoopErrors errors, int n) {
        loop.runUntilComplete(() -> {
            for (int i = 0; i < 500 && errors.size() < n; i++) {
                System.gc();
                Asyncio.sleep(0.01);
            }
            return null;
        });
    }

    /**
     * Ports test_futures.py BaseFutureTests.test_tb_logger_exception_unretrieved (and
     * test_tb_logger_abandoned/_result_retrieved/_exception_retrieved/_not_called_after_cancel):
     * only the failed future nobody looked at is reported.
     */
    @Test
    void futureExceptionNeverRetrieved(EventLoop loop, LoopErrors errors) {
        makeHarmlessFutures(loop);
        makeUnretrievedFailures(loop);
        gcUntilReported(loop, errors, 1);
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("Future exception was never retrieved", got.get(0).get("message"));
        assertEquals("never looked at", ((Throwable) got.get(0).get("exception")).getMessage());
        assertTrue(String.valueOf(got.get(0).get("future")).startsWith("<Future finished exception="));
    }

    /**
     * Ports test_futures.py BaseFutureTests.test_tb_logger_not_called_after_cancel for a future
     * that failed first: cancel() returns false and, as futures.py's cancel() sets
     * {@code __log_traceback = False}, the exception is no longer reported. The same holds for a
     * task that failed and is then cancelled: test_tasks.py BaseTaskTests.test_tb_logger_not_called_after_cancel.
     */
    @Test
    void cancelAfterFailureMarksTheExceptionRetrieved(EventLoop loop, LoopErrors errors) {
        List<java.lang.ref.WeakReference<Future<?>>> cancelled = failThenCancel(loop);
        makeUnretrievedFailures(loop);
        gcUntilReported(loop, errors, 1);
        // Both cancelled failures are gone too; a few more rounds let any (wrong) report arrive.
        loop.runUntilComplete(() -> {
            for (int i = 0; i < 500 && cancelled.stream().anyMatch(r -> r.get() != null); i++) {
                System.gc();
                Asyncio.sleep(0.01);
            }
            for (int i = 0; i < 10; i++) {
                System.gc();
                Asyncio.sleep(0.01);
            }
            return null;
        });
        assertTrue(cancelled.stream().allMatch(r -> r.get() == null), "the cancelled failures were not collected");
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("never looked at", ((Throwable) got.get(0).get("exception")).getMessage());
    }

    private static List<java.lang.ref.WeakReference<Future<?>>> failThenCancel(EventLoop loop) {
        Future<Object> f = loop.createFuture();
        f.setException(new IllegalStateException("failed, then cancelled"));
        assertFalse(f.cancel());
        Task<Object> t = loop.createTask(() -> {
            throw new IllegalStateException("task failed, then cancelled");
        });
        loop.runUntilComplete(() -> {
            Asyncio.wait(List.of(t));
            return null;
        });
        assertFalse(t.cancel("too late"));
        return List.of(new java.lang.ref.WeakReference<>(f), new java.lang.ref.WeakReference<>(t));
    }

    private static void makeFailedTask(EventLoop loop) {
        Task<Object> t = loop.createTask(() -> {
            throw new IllegalArgumentException("task failed");
        }, "doomed");
        loop.runUntilComplete(() -> {
            Asyncio.wait(List.of(t));
            return null;
        });
        assertTrue(t.done());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_default_exc_handler_coro: "Task exception was never retrieved". */
    @Test
    void taskExceptionNeverRetrieved(EventLoop loop, LoopErrors errors) {
        makeFailedTask(loop);
        gcUntilReported(loop, errors, 1);
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("Task exception was never retrieved", got.get(0).get("message"));
        assertEquals("task failed", ((Throwable) got.get(0).get("exception")).getMessage());
        assertTrue(String.valueOf(got.get(0).get("future")).contains("doomed"));
    }

    /** Ports test_tasks.py BaseTaskTests.test_log_destroyed_pending_task: reported at close in debug mode. */
    @Test
    void taskDestroyedButPendingIsReportedAtClose(EventLoop loop, LoopErrors errors) {
        loop.setDebug(true);
        Task<Void> t = loop.createTask(() -> {
            Asyncio.sleep(3600);
            return null;
        }, "hanging");
        loop.runUntilComplete(() -> {
            Asyncio.sleep(1);
            return null;
        });
        loop.close();
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size(), got.toString());
        assertEquals("Task was destroyed but it is pending!", got.get(0).get("message"));
        assertSame(t, got.get(0).get("task"));
        assertTrue(t.cancelled());
    }

    /** Outside debug mode closing with a pending task reports nothing (but still unwinds it). */
    @Test
    void pendingTaskAtCloseIsSilentWithoutDebug(EventLoop loop, LoopErrors errors) {
        Task<Void> t = loop.createTask(() -> {
            Asyncio.sleep(3600);
            return null;
        });
        loop.runUntilComplete(() -> {
            Asyncio.sleep(1);
            return null;
        });
        loop.close();
        assertTrue(errors.isEmpty());
        assertTrue(t.cancelled());
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_check_thread (debug=True): other threads fail fast. */
    @Test
    void wrongThreadCallsFailFastInDebugMode(EventLoop loop) {
        loop.setDebug(true);
        Future<String> outcome = loop.createFuture();
        CompletableFuture<List<String>> messages = new CompletableFuture<>();
        loop.callSoon(() -> {
            Thread t = new Thread(() -> {
                Runnable cb = () -> { };
                try {
                    List<String> msgs = List.of(
                            assertThrows(IllegalStateException.class, () -> loop.callSoon(cb)).getMessage(),
                            assertThrows(IllegalStateException.class, () -> loop.callLater(60, cb)).getMessage(),
                            assertThrows(IllegalStateException.class, () -> loop.callAt(loop.time() + 60, cb)).getMessage(),
                            assertThrows(IllegalStateException.class, () -> loop.createTask(() -> 1)).getMessage());
                    messages.complete(msgs);
                    loop.callSoonThreadsafe(() -> outcome.setResult("ok"));
                } catch (Throwable e) {
                    messages.completeExceptionally(e);
                    loop.callSoonThreadsafe(() -> outcome.setException(e));
                }
            }, "intruder");
            t.start();
        });
        assertEquals("ok", assertTimeoutPreemptively(SAFETY, () -> loop.runUntilComplete(outcome)));
        for (String m : messages.join()) {
            assertTrue(m.contains("was called from thread 'intruder'"), m);
            assertTrue(m.contains("use callSoonThreadsafe()"), m);
        }
    }
}
