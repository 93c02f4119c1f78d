package io.asyncio4j.transports;

/**
 * The common part of every protocol: asyncio's {@code asyncio.BaseProtocol}. All methods are
 * called on the loop's thread.
 *
 * <p>Call order: {@code connectionMade -> [pauseWriting/resumeWriting, data]* -> connectionLost}.
 *
 * @param <T> the transport type the protocol is made for
 */
public interface BaseProtocol<T extends BaseTransport> {
    /**
     * The connection is set up.
     *
     * @param transport the transport
     */
    default void connectionMade(T transport) {
    }

    /**
     * The connection is closed.
     *
     * @param exc the error that closed it, or {@code null} for a regular close or EOF
     */
    default void connectionLost(Throwable exc) {
    }

    /** The transport's buffer went over the high water mark: stop writing. */
    default void pauseWriting() {
    }

    /** The transport's buffer drained to the low water mark: writing may go on. */
    default void resumeWriting() {
    }
}
