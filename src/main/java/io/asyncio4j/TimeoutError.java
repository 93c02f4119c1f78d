package io.asyncio4j;

/**
 * The deadline passed: asyncio's {@code TimeoutError}, raised by {@link Asyncio#waitFor},
 * {@link Asyncio#timeout}, {@link Asyncio#asCompleted} and friends.
 *
 * <p>Unchecked, unlike {@link java.util.concurrent.TimeoutException}, so it crosses
 * {@code await} like every other asyncio exception.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a timeout error with no message. */
    public TimeoutError() {
        super();
    }

    /**
     * Creates a timeout error.
     *
     * @param message what timed out
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * Creates a timeout error caused by the cancellation the timeout delivered.
     *
     * @param message what timed out
     * @param cause the {@link CancelledError} that the timeout turned into this error
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
