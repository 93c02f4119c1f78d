package io.asyncio4j;

import io.asyncio4j.testing.VirtualClock;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;

/**
 * Gives each test method a fresh event loop on a {@link VirtualClock} and checks it afterwards.
 *
 * {@snippet :
 * @ExtendWith(LoopExtension.class)
 * class MyTest {
 *     @Test
 *     void sleepsInstantly(EventLoop loop) {
 *         loop.runUntilComplete(() -> { Asyncio.sleep(3600); return null; });
 *         assertEquals(3600.0, loop.time(), 1e-9);
 *     }
 * }
 * }
 *
 * <p>Parameters it resolves: {@link EventLoop} (the loop), {@link VirtualClock} (its clock) and
 * {@link LoopErrors} (what the loop's exception handler received). The loop's exception handler
 * records every call; after the test the loop is closed (if the test did not) and the test fails
 * if any recorded call was not taken with {@link LoopErrors#take()}. Tests that replace the
 * handler themselves opt out of that check.
 */
public final class LoopExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LoopExtension.class);

    private record Fixture(EventLoop loop, VirtualClock clock, LoopErrors errors) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EventLoop.class || type == VirtualClock.class || type == LoopErrors.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Fixture f = extension.getStore(NS).getOrComputeIfAbsent("fixture", k -> newFixture(), Fixture.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == EventLoop.class) {
            return f.loop();
        }
        return type == VirtualClock.class ? f.clock() : f.errors();
    }

    private static Fixture newFixture() {
        VirtualClock clock = new VirtualClock();
        EventLoop loop = VirtualTimeLoop.create(clock);
        LoopErrors errors = new LoopErrors();
        loop.setExceptionHandler((l, context) -> errors.record(context));
        return new Fixture(loop, clock, errors);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        Fixture f = extension.getStore(NS).remove("fixture", Fixture.class);
        if (f == null) {
            return;
        }
        if (!f.loop().isRunning()) {
            f.loop().close();
        }
        if (!f.errors().isEmpty()) {
            AssertionError failure = new AssertionError("the loop's exception handler was called unexpectedly: "
                    + f.errors().all().stream().map(c -> String.valueOf(c.get("message"))).toList());
            for (Map<String, Object> c : f.errors().all()) {
                if (c.get("exception") instanceof Throwable t) {
                    failure.addSuppressed(t);
                }
            }
            throw failure;
        }
    }
}
