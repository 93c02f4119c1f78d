package io.asyncio4j.sync;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.testing.VirtualTimeLoop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test support: runs a test body as the main task of a fresh virtual-time loop (CPython's
 * {@code IsolatedAsyncioTestCase}) under a virtual-time deadline, and fails the test if the
 * loop's exception handler was called.
 */
final class SyncTesting {
    /** Java form of test_locks.py's RGX_REPR, for our toString(). */
    static final Pattern RGX_REPR = Pattern.compile(
            "^<(?<cls>.*?) object at (?<address>.*?)\\[(?<extras>"
                    + "(set|unset|locked|unlocked|filling|draining|resetting|broken)"
                    + "(, value:\\d)?"
                    + "(, waiters:\\d+)?"
                    + "(, waiters:\\d+/\\d+)?"
                    + ")]>\\z");

    /** Virtual seconds after which a test counts as deadlocked. */
    static final double DEADLINE = 86_400.0;

    private SyncTesting() {
    }

    static <T> T runTest(Coroutine<T> body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        T result;
        try (Runner runner = new Runner(null, () -> {
            EventLoop loop = VirtualTimeLoop.create();
            loop.setExceptionHandler((l, ctx) -> errors.add(ctx));
            return loop;
        })) {
            // A lost wake-up leaves the loop idle with tasks stuck forever; the virtual clock then
            // jumps to this deadline, so the test fails at once instead of hanging.
            result = runner.run(() -> Asyncio.timeout(DEADLINE, body));
        }
        assertEquals(List.of(), errors, "the loop's exception handler was called");
        return result;
    }

    static void runVoid(Coroutine.ThrowingRunnable body) {
        runTest(Coroutine.of(body));
    }

    static boolean matchesRepr(Object o) {
        return RGX_REPR.matcher(o.toString()).matches();
    }
}
