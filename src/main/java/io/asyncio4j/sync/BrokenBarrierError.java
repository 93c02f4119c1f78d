package io.asyncio4j.sync;

/**
 * A {@link Barrier} was reset or aborted while a task waited on it, or is broken: asyncio's
 * {@code asyncio.BrokenBarrierError}. Unchecked.
 */
public class BrokenBarrierError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what happened to the barrier
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
