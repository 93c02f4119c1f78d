package io.asyncio4j.internal;

import io.asyncio4j.BrokenPipeError;
import io.asyncio4j.ConnectionResetError;

import java.io.IOException;
import java.util.Locale;

/**
 * Gives a reset and a broken pipe one type each, as asyncio does ({@code ConnectionResetError},
 * {@code BrokenPipeError}). The JDK reports both as plain {@link IOException}s told apart only
 * by their message (no errno), so the message is what is matched.
 */
public final class SocketErrors {
    private SocketErrors() {
    }

    /**
     * {@return {@code error} as asyncio's type when it is a reset or a broken pipe, else itself}
     *
     * @param error an error, or {@code null}
     */
    public static Throwable asAsyncioType(Throwable error) {
        if (!(error instanceof IOException) || error instanceof ConnectionResetError || error instanceof BrokenPipeError) {
            return error;
        }
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("connection reset")) {
            return new ConnectionResetError(error.getMessage(), error);
        }
        if (message.contains("broken pipe")) {
            return new BrokenPipeError(error.getMessage(), error);
        }
        return error;
    }
}
