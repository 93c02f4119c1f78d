package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes every running asyncio4j loop count as a Reactor non-blocking thread, as Reactor's own
 * parallel and single schedulers do: {@code block()}, {@code blockFirst()}, {@code blockLast()}
 * (and {@code toIterable}, {@code toStream}) called on a loop's thread or inside one of its tasks
 * fail at once with Reactor's {@code IllegalStateException} "block()/blockFirst()/blockLast() are
 * blocking, which is not supported in thread ...", instead of stalling the loop (or, in the
 * portable strand mode, deadlocking it).
 *
 * <p>A predicate rather than the {@code NonBlocking} marker interface, because in the portable
 * strand mode the loop and its tasks run on virtual threads the bridge does not create; the
 * predicate asks the calling thread whether it drives a running loop, the same question in both
 * strand modes.
 */
final class NonBlockingLoops {
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private NonBlockingLoops() {
    }

    /** Registers the predicate with Reactor's {@link Schedulers}, once per class loader. */
    static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            Schedulers.registerNonBlockingThreadPredicate(NonBlockingLoops::drivesARunningLoop);
        }
    }

    /** {@return whether {@code thread} is the caller and runs a loop or one of its tasks} Reactor only asks about the caller. */
    static boolean drivesARunningLoop(Thread thread) {
        if (thread != Thread.currentThread()) {
            return false;
        }
        try {
            return Asyncio.getRunningLoop() != null;
        } catch (IllegalStateException none) {
            return false;
        }
    }
}
