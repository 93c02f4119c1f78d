package io.asyncio4j;

import java.net.SocketException;

/**
 * The peer reset the connection: asyncio's (Python's) {@code ConnectionResetError}. Streams raise
 * it for a reset wherever it surfaces, on a read as on a write or {@code drain()}, instead of the
 * JDK's differently worded {@link SocketException}s ("Connection reset", "Connection reset by
 * peer"), which stay attached as the cause.
 */
public class ConnectionResetError extends SocketException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the detail message
     * @param cause the JDK's original exception, or {@code null}
     */
    public ConnectionResetError(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
