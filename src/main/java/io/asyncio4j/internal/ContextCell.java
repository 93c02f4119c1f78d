package io.asyncio4j.internal;

/**
 * Holds a thread's current {@link io.asyncio4j.Context}. The event loop swaps the value around
 * each callback (a field write, no thread-local lookup); {@code Context} creates an empty context
 * lazily when the value is null.
 */
public final class ContextCell {
    private static final ThreadLocal<ContextCell> CELL = ThreadLocal.withInitial(ContextCell::new);

    /** The current context of the owning thread, or null for "none yet". */
    public Object value;

    /** {@return the calling thread's cell} */
    public static ContextCell get() {
        return CELL.get();
    }
}
