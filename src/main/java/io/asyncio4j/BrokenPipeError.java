package io.asyncio4j;

import java.net.SocketException;

/**
 * Writing to a connection or pipe whose reading end is closed (EPIPE): asyncio's (Python's)
 * {@code BrokenPipeError}. Socket streams and subprocess pipes raise it instead of the JDK's
 * {@link java.io.IOException} "Broken pipe", which stays attached as the cause.
 */
public class BrokenPipeError extends SocketException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the detail message
     * @param cause the JDK's original exception, or {@code null}
     */
    public BrokenPipeError(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
