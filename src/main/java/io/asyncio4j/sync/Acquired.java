package io.asyncio4j.sync;

/**
 * A held {@link Lock}, {@link Condition} or {@link Semaphore}, released by {@link #close()}: the
 * Java form of asyncio's {@code async with lock:}.
 *
 * {@snippet :
 * try (var held = lock.acquireScope()) {   // async with lock:
 *     critical();
 * }                                        // released here, also on an exception or cancellation
 * }
 *
 * <p>The primitive returns the same scope object on every acquisition, so entering a scope does
 * not allocate. Close it exactly once per {@code acquireScope()}, on the primitive's loop.
 */
@FunctionalInterface
public interface Acquired extends AutoCloseable {
    /** Releases the primitive: {@code __aexit__}. */
    @Override
    void close();
}
