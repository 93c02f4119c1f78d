package io.asyncio4j.streams;

/**
 * A separator was not found within the reader's limit: asyncio's
 * {@code asyncio.LimitOverrunError}. The reader's buffer is left intact, so the data can still be
 * read (e.g. with {@link StreamReader#read(int)}); {@link #consumed()} tells how many bytes to
 * consume to get past the problem.
 */
public class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many bytes to consume to get past the problem. */
    private final int consumed;

    /**
     * Creates the error.
     *
     * @param message what went wrong
     * @param consumed how many buffered bytes must be consumed
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** {@return how many buffered bytes must be consumed} */
    public int consumed() {
        return consumed;
    }
}
