package io.asyncio4j.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the test kit's extension itself. */
@ExtendWith(LoopExtension.class)
class LoopExtensionTest {
    private static EventLoop previous;

    @Test
    void givesAFreshVirtualTimeLoop(EventLoop loop, VirtualClock clock) {
        assertFalse(loop.isRunning());
        assertFalse(loop.isClosed());
        assertEquals(0.0, loop.time());
        loop.runUntilComplete(() -> {
            Asyncio.sleep(3600);
            return null;
        });
        assertEquals(3600.0, loop.time(), 1e-9);
        assertEquals(3600.0, clock.time(), 1e-9);
    }

    @Test
    void givesTheSameLoopToEveryParameterOfOneTestAndANewOnePerTest(EventLoop loop, EventLoop again) {
        assertSame(loop, again);
        if (previous != null) {
            assertNotSame(previous, loop);
            assertTrue(previous.isClosed(), "the extension closes each test's loop");
        }
        previous = loop;
    }

    @Test
    void recordsHandlerCallsThatTheTestTakes(EventLoop loop, LoopErrors errors) {
        RuntimeException boom = new RuntimeException("boom");
        loop.callSoon(() -> {
            throw boom;
        });
        loop.callSoon(loop::stop);
        loop.runForever();
        List<Map<String, Object>> got = errors.take();
        assertEquals(1, got.size());
        assertSame(boom, got.get(0).get("exception"));
        assertTrue(errors.isEmpty());
    }

    @Nested
    @LoopConfig(clock = LoopConfig.Clock.REAL)
    class RealClock {
        @Test
        void runsOnTheMonotonicClock(EventLoop loop) {
            double before = loop.time();
            // A virtual clock stands still while its loop is idle; the real one moves on.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                while (loop.time() == before) {
                    Thread.onSpinWait();
                }
            });
            String result = loop.runUntilComplete(() -> Asyncio.sleep(0.001, "slept"));
            assertEquals("slept", result);
            assertTrue(loop.time() >= before + 0.001);
        }

        @Test
        @LoopConfig(clock = LoopConfig.Clock.VIRTUAL)
        void aMethodsConfigurationWinsOverItsClasss(EventLoop loop, VirtualClock clock) {
            assertEquals(0.0, loop.time());
            assertEquals(0.0, clock.time());
        }
    }

    @Nested
    @LoopConfig(checkLeaks = true)
    class CheckingLeaks {
        @Test
        void aClosedLoopIsNoLeak(EventLoop loop) {
            loop.runUntilComplete(() -> Asyncio.sleep(1, null));
        }
    }
}
