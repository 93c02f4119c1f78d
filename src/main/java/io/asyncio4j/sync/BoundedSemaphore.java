package io.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released above its initial value: asyncio's
 * {@code asyncio.BoundedSemaphore}. It catches a release without a matching acquire.
 *
 * <p><b>Differences from asyncio.</b> Releasing too often throws
 * {@link IllegalStateException} (Python: {@code ValueError}).
 */
public final class BoundedSemaphore extends Semaphore {
    private final int boundValue;

    /** Creates a bounded semaphore with the value 1. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore.
     *
     * @param value the initial value, which is also the bound
     * @throws IllegalArgumentException if {@code value < 0}
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.boundValue = value;
    }

    /**
     * Releases, as {@link Semaphore#release()}.
     *
     * @throws IllegalArgumentException (asyncio's ValueError) if the counter is already at the initial value
     */
    @Override
    public void release() {
        checkLoop();
        if (value() >= boundValue) {
            throw new IllegalArgumentException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
