package io.asyncio4j.transports;

/**
 * A write transport's water marks, as asyncio's {@code get_write_buffer_limits()} returns them:
 * the pair {@code (low, high)}, in bytes.
 *
 * @param low the low water mark: {@code resumeWriting()} once the buffer drains to it
 * @param high the high water mark: {@code pauseWriting()} once the buffer grows past it
 */
public record WriteBufferLimits(int low, int high) {
    /**
     * Checks the marks.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public WriteBufferLimits {
        if (!(high >= low && low >= 0)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }
}
