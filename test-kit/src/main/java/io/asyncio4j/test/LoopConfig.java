package io.asyncio4j.test;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the {@link LoopExtension} for a test class or a test method (a method's annotation
 * wins over its class's) and registers the extension. Without it the extension gives each test a
 * virtual-time loop and checks no leaks.
 *
 * {@snippet :
 * @LoopConfig(checkLeaks = true)
 * class ServerTest {
 *     @Test
 *     @LoopConfig(clock = LoopConfig.Clock.REAL)
 *     void servesOverRealSockets(EventLoop loop) { ... }
 * }
 * }
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(LoopExtension.class)
public @interface LoopConfig {
    /** The clocks a test's loop can run on. */
    enum Clock {
        /**
         * A virtual clock that jumps to the next timer whenever the loop would wait
         * ({@link io.asyncio4j.testing.VirtualTimeLoop}): sleeps and timeouts take no wall-clock time.
         */
        VIRTUAL,
        /** The system's monotonic clock ({@link io.asyncio4j.Asyncio#newEventLoop()}), for tests of real I/O timing. */
        REAL
    }

    /** {@return the clock of each test's loop} */
    Clock clock() default Clock.VIRTUAL;

    /**
     * {@return whether the class must close everything it opened} Loops, transports, servers,
     * subprocesses, child processes, sockets, selectors, pipes and threads are counted before the
     * class's first test and after its last; the class fails if any is left open. Only the class's
     * annotation counts for this (the check spans the whole class).
     */
    boolean checkLeaks() default false;
}
