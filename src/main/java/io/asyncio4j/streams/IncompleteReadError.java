package io.asyncio4j.streams;

/**
 * The stream ended before the requested bytes arrived: asyncio's
 * {@code asyncio.IncompleteReadError}. Raised by {@link StreamReader#readexactly} and
 * {@link StreamReader#readuntil}; {@link #partial()} holds what was read before the end.
 *
 * <p><b>Differences from asyncio.</b> asyncio derives it from {@code EOFError}; here it is an
 * unchecked exception, like every asyncio4j error.
 */
public class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The bytes read before the end. */
    private final byte[] partial;
    /** How many bytes were wanted, or null. */
    private final Integer expected;

    /**
     * Creates the error.
     *
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were wanted, or {@code null} when unknown (readuntil)
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected)
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /** {@return the bytes read before the end of the stream (not a copy)} */
    public byte[] partial() {
        return partial;
    }

    /** {@return how many bytes were expected, or {@code null} when unknown} */
    public Integer expected() {
        return expected;
    }
}
