package io.asyncio4j;

import io.asyncio4j.testing.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Checks the shared test fixture itself. */
@ExtendWith(LoopExtension.class)
class LoopExtensionTest {
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
}
