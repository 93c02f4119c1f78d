package io.asyncio4j;

/**
 * An operation is not allowed in the object's current state: asyncio's
 * {@code asyncio.InvalidStateError}, e.g. setting the result of a future that is already done,
 * or asking for the result of one that is not.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was wrong
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
