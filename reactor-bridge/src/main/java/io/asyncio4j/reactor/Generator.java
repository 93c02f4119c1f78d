package io.asyncio4j.reactor;

/**
 * The body of an async generator turned into a {@code Flux}: Python's {@code async def} with
 * {@code yield}, kotlinx's {@code flux { }} block. It runs as a task on the loop and emits
 * through the {@link Emitter}; returning completes the Flux, throwing errors it.
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface Generator<T> {
    /**
     * Runs the generator.
     *
     * @param out where values go
     * @throws Exception whatever the body raises; it becomes the Flux's error
     */
    void run(Emitter<T> out) throws Exception;
}
