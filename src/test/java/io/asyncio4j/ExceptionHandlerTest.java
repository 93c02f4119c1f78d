package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The loop's exception handler: ports test_base_events.py BaseEventLoopTests
 * test_default_exc_handler_callback, test_set_exc_handler_custom, test_set_exc_handler_broken.
 */
@ExtendWith(LoopExtension.class)
class ExceptionHandlerTest {

    private static void zeroError() {
        int zero = 0;
        System.out.println(1 / zero);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_default_exc_handler_callback: logged, the loop keeps running. */
    @Test
    void defaultHandlerLogsAndTheLoopKeepsRunning(EventLoop loop) {
        loop.setExceptionHandler(null);
        assertNull(loop.getExceptionHandler());
        List<String> log = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(ExceptionHandlerTest::zeroError);
            loop.callLater(1, ExceptionHandlerTest::zeroError);
            loop.callLater(2, () -> {
                log.add("still running");
                loop.stop();
            });
            loop.runForever();
            List<LogRecord> errors = logs.atLeast(Level.SEVERE, "Exception in callback");
            assertEquals(2, errors.size(), errors.toString());
            for (LogRecord r : errors) {
                assertTrue(r.getMessage().startsWith("Exception in callback"), r.getMessage());
                assertInstanceOf(ArithmeticException.class, r.getThrown());
            }
        }
        assertEquals(List.of("still running"), log);
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_set_exc_handler_custom. */
    @Test
    void customHandler(EventLoop loop) {
        List<Map<String, Object>> calls = new ArrayList<>();
        EventLoop[] loops = new EventLoop[1];
        ExceptionHandler handler = (l, ctx) -> {
            loops[0] = l;
            calls.add(ctx);
        };
        loop.setExceptionHandler(handler);
        assertSame(handler, loop.getExceptionHandler());
        Handle h = loop.callSoon(ExceptionHandlerTest::zeroError);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, calls.size());
        assertSame(loop, loops[0]);
        assertTrue(String.valueOf(calls.get(0).get("message")).startsWith("Exception in callback"));
        assertInstanceOf(ArithmeticException.class, calls.get(0).get("exception"));
        assertSame(h, calls.get(0).get("handle"));

        loop.setExceptionHandler(null);
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(ExceptionHandlerTest::zeroError);
            loop.callSoon(loop::stop);
            loop.runForever();
            assertEquals(1, logs.atLeast(Level.SEVERE, "Exception in callback").size());
        }
        assertEquals(1, calls.size(), "the removed handler was called");
    }

    /** Ports test_base_events.py BaseEventLoopTests.test_set_exc_handler_broken. */
    @Test
    void brokenHandlerIsLoggedAndTheLoopKeepsRunning(EventLoop loop) {
        loop.setExceptionHandler((l, ctx) -> {
            throw new IllegalStateException("handler is broken");
        });
        List<String> log = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(ExceptionHandlerTest::zeroError);
            loop.callSoon(() -> log.add("after"));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> errors = logs.atLeast(Level.SEVERE, "Unhandled error in exception handler");
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).getMessage().startsWith("Unhandled error in exception handler"),
                    errors.get(0).getMessage());
            assertEquals("handler is broken", errors.get(0).getThrown().getMessage());
        }
        assertEquals(List.of("after"), log);
    }

    /** Ports asyncio's loop.call_exception_handler: a context reported by user code reaches the handler as is. */
    @Test
    void callExceptionHandlerDirectly(EventLoop loop, LoopErrors errors) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", "custom problem");
        ctx.put("extra", 7);
        loop.callExceptionHandler(ctx);
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size());
        assertSame(ctx, got.get(0));
    }

    /** Ports test_base_events.py default_exception_handler: the message and the extra keys are logged. */
    @Test
    void defaultExceptionHandlerFormat(EventLoop loop) {
        try (LogCapture logs = new LogCapture()) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "something broke");
            ctx.put("exception", new IllegalStateException("why"));
            ctx.put("future", "<Future pending>");
            loop.defaultExceptionHandler(ctx);
            List<LogRecord> errors = logs.atLeast(Level.SEVERE, "something broke");
            assertEquals(1, errors.size());
            assertEquals("something broke\nfuture: <Future pending>", errors.get(0).getMessage());
            assertEquals("why", errors.get(0).getThrown().getMessage());
        }
    }

    /** An exception escaping a task is not a loop error: it is the task's result. */
    @Test
    void taskExceptionIsNotReportedWhenRetrieved(EventLoop loop, LoopErrors errors) {
        Task<Object> t = loop.createTask(() -> {
            throw new IllegalStateException("in task");
        });
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(errors.isEmpty());
    }

    /** Ports test_futures2.py FutureTests.test_handle_exc_handler_correct_context (gh-96704). */
    @Test
    void handlerRunsInTheFailingCallbacksContext(EventLoop loop) {
        ContextVar<String> name = new ContextVar<>("name", "foo");
        List<String> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(name.get()));
        loop.runUntilComplete(() -> {
            loop.callSoon(() -> {
                name.set("bar");
                zeroError();
            });
            Asyncio.sleep(0);
            return null;
        });
        assertEquals(List.of("bar"), seen);
    }

    /**
     * Ports test_futures2.py FutureTests.test_task_exc_handler_correct_context (gh-96704): the
     * "Task exception was never retrieved" report runs in the failed task's context.
     */
    @Test
    void neverRetrievedReportRunsInTheTasksContext(EventLoop loop) {
        ContextVar<String> name = new ContextVar<>("name", "foo");
        List<String> seen = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> seen.add(name.get()));
        loop.createTask(() -> {
            name.set("bar");
            zeroError();
            return null;
        });
        loop.runUntilComplete(() -> {
            for (int i = 0; i < 500 && seen.isEmpty(); i++) {
                System.gc();
                Asyncio.sleep(0.01);
            }
            return null;
        });
        assertEquals(List.of("bar"), seen);
    }

    /** A context value whose rendering fails, which breaks the default handler as test_default_exc_handler_broken's does. */
    private static final class Unprintable {
        @Override
        public String toString() {
            throw new IllegalArgumentException("spam");
        }
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_default_exc_handler_broken: a failing
     * default handler is logged as "Exception in default exception handler"; when it fails
     * while reporting a broken custom handler, the log says so.
     */
    @Test
    void brokenDefaultHandlerIsLogged(EventLoop loop) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", "zero error");
        ctx.put("exception", new ArithmeticException("/ by zero"));
        ctx.put("handle", new Unprintable());
        loop.setExceptionHandler(null);
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> loop.callExceptionHandler(ctx));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> errors = logs.atLeast(Level.SEVERE, "Exception in default exception handler");
            assertEquals(1, errors.size());
            assertEquals("Exception in default exception handler", errors.get(0).getMessage());
            assertEquals("spam", errors.get(0).getThrown().getMessage());
        }
        loop.setExceptionHandler((l, c) -> {
            throw new IllegalArgumentException("ham");
        });
        try (LogCapture logs = new LogCapture()) {
            loop.callSoon(() -> loop.callExceptionHandler(ctx));
            loop.callSoon(loop::stop);
            loop.runForever();
            List<LogRecord> errors = logs.atLeast(Level.SEVERE, "Exception in default exception handler");
            assertEquals(1, errors.size());
            assertTrue(errors.get(0).getMessage().matches(
                    "Exception in default exception.*while handling.*in custom.*"), errors.get(0).getMessage());
            assertEquals("spam", errors.get(0).getThrown().getMessage());
        }
    }
}
