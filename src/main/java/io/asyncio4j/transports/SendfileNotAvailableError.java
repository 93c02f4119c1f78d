package io.asyncio4j.transports;

/**
 * {@code EventLoop.sendfile} cannot send natively and was told not to fall back: asyncio's
 * {@code asyncio.SendfileNotAvailableError}.
 */
public class SendfileNotAvailableError extends RuntimeException {
    /**
     * An error with a message.
     *
     * @param message what is not available, and for which transport
     */
    public SendfileNotAvailableError(String message) {
        super(message);
    }
}
