package io.asyncio4j.internal;

import io.asyncio4j.internal.loop.LoopRuntime;

/**
 * asyncio4j's per-thread state, in one thread-local: the current {@link io.asyncio4j.Context},
 * the loop running on (or driving) the thread, and on a strand its task and strand. One entry
 * instead of one per field matters because every task's strand is a thread of its own: each
 * thread-local entry is an object (a weak reference) per task.
 *
 * <p>The event loop swaps {@link #value} around each callback (a field write, no thread-local
 * lookup); {@code Context} creates an empty context lazily when the value is null.
 */
public final class ContextCell {
    private static final ThreadLocal<ContextCell> CELL = ThreadLocal.withInitial(ContextCell::new);

    /** The current context of the owning thread, or null for "none yet". */
    public Object value;

    /** The loop running on the thread, or driving it (a strand of that loop), or null. */
    public LoopRuntime loop;

    /** On a strand: the {@link io.asyncio4j.Task} whose body runs there, else null. */
    public Object task;

    /** On a strand: the strand itself, else null. */
    public io.asyncio4j.internal.strand.Strand strand;

    /** {@return the calling thread's cell} */
    public static ContextCell get() {
        return CELL.get();
    }
}
