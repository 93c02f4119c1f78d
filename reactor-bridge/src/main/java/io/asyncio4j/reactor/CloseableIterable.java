package io.asyncio4j.reactor;

/**
 * What {@link AsyncioReactor#iterate} returns: an {@link Iterable} over a publisher's values,
 * to be iterated once inside a task, that {@link #close()} cancels (use it in
 * try-with-resources when the loop may {@code break} early).
 *
 * @param <T> the value type
 */
public interface CloseableIterable<T> extends Iterable<T>, AutoCloseable {
    /** Cancels the subscription and drops buffered values; idempotent, any thread. */
    @Override
    void close();
}
