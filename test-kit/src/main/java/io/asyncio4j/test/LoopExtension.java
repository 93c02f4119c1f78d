package io.asyncio4j.test;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.VirtualClock;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JUnit 5 extension for testing asyncio4j code, as kotlinx-coroutines-test's {@code runTest}
 * is for coroutines and asyncio's {@code IsolatedAsyncioTestCase} for Python: gives each test
 * method a fresh event loop, by default on a virtual clock, and checks it afterwards.
 *
 * {@snippet :
 * @ExtendWith(LoopExtension.class)      // or @LoopConfig(...), which registers it too
 * class MyTest {
 *     @Test
 *     void sleepsInstantly(EventLoop loop) {
 *         loop.runUntilComplete(() -> { Asyncio.sleep(3600); return null; });
 *         assertEquals(3600.0, loop.time(), 1e-9);
 *     }
 * }
 * }
 *
 * <p>Parameters it resolves: {@link EventLoop} (the test's loop), {@link VirtualClock} (its clock;
 * virtual clock only) and {@link LoopErrors} (what the loop's exception handler received). The
 * loop is created when a test first asks for one of them. Its exception handler records every
 * call; after the test the loop is closed (if the test did not) and the test fails if any
 * recorded call was not taken with {@link LoopErrors#take()}. Tests that replace the handler
 * themselves opt out of that check.
 *
 * <p>{@link LoopConfig} chooses a real clock instead of the virtual one and turns on the
 * per-class {@link LeakCheck leak check}.
 */
public final class LoopExtension implements ParameterResolver, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LoopExtension.class);

    private record Fixture(EventLoop loop, VirtualClock clock, LoopErrors errors) {
    }

    /** Creates the extension; JUnit does, through {@code @ExtendWith} or {@link LoopConfig}. */
    public LoopExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EventLoop.class || type == VirtualClock.class || type == LoopErrors.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Fixture f = extension.getStore(NS).getOrComputeIfAbsent("fixture", k -> newFixture(clock(extension)), Fixture.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == EventLoop.class) {
            return f.loop();
        }
        if (type == VirtualClock.class) {
            if (f.clock() == null) {
                throw new ParameterResolutionException("a VirtualClock parameter needs the virtual clock, but "
                        + extension.getDisplayName() + " is configured with @LoopConfig(clock = REAL)");
            }
            return f.clock();
        }
        return f.errors();
    }

    private static LoopConfig.Clock clock(ExtensionContext extension) {
        return config(extension.getTestMethod())
                .or(() -> extension.getTestClass().flatMap(LoopExtension::classConfig))
                .map(LoopConfig::clock)
                .orElse(LoopConfig.Clock.VIRTUAL);
    }

    private static Optional<LoopConfig> config(Optional<? extends AnnotatedElement> element) {
        return element.map(e -> e.getAnnotation(LoopConfig.class));
    }

    /** The class's own or an enclosing class's configuration (for @Nested tests). */
    private static Optional<LoopConfig> classConfig(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            LoopConfig config = c.getAnnotation(LoopConfig.class);
            if (config != null) {
                return Optional.of(config);
            }
        }
        return Optional.empty();
    }

    private static Fixture newFixture(LoopConfig.Clock clock) {
        LoopErrors errors = new LoopErrors();
        VirtualClock virtual = clock == LoopConfig.Clock.VIRTUAL ? new VirtualClock() : null;
        EventLoop loop = virtual != null ? VirtualTimeLoop.create(virtual) : Asyncio.newEventLoop();
        loop.setExceptionHandler((l, context) -> errors.record(context));
        return new Fixture(loop, virtual, errors);
    }

    private static boolean checksLeaks(ExtensionContext extension) {
        return extension.getTestClass().flatMap(LoopExtension::classConfig).map(LoopConfig::checkLeaks).orElse(false);
    }

    private static ExtensionContext.Store leakStore(ExtensionContext extension) {
        return extension.getStore(ExtensionContext.Namespace.create(LoopExtension.class, "leaks", extension.getUniqueId()));
    }

    @Override
    public void beforeAll(ExtensionContext extension) {
        if (checksLeaks(extension)) {
            leakStore(extension).put("before", LeakCheck.take());
        }
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        if (LeakCheck.PER_TEST && checksLeaks(extension)) {
            leakStore(extension).put("before", LeakCheck.take());
        }
    }

    @Override
    public void afterEach(ExtensionContext extension) throws Exception {
        try {
            closeAndCheckFixture(extension);
        } finally {
            if (LeakCheck.PER_TEST && checksLeaks(extension)) {
                failOnLeaks(extension);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext extension) throws Exception {
        if (checksLeaks(extension)) {
            failOnLeaks(extension);
        }
    }

    private static void failOnLeaks(ExtensionContext extension) throws InterruptedException {
        LeakCheck.Snapshot before = leakStore(extension).remove("before", LeakCheck.Snapshot.class);
        if (before == null) {
            return;
        }
        List<String> leaks = LeakCheck.settledLeaksSince(before);
        if (!leaks.isEmpty()) {
            throw new AssertionError(extension.getDisplayName() + " leaked: " + String.join("; ", leaks));
        }
    }

    private static void closeAndCheckFixture(ExtensionContext extension) {
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
