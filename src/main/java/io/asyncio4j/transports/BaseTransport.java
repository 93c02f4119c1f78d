package io.asyncio4j.transports;

/**
 * The common part of every transport: asyncio's {@code asyncio.BaseTransport}.
 *
 * <p>Transports are not thread-safe: use them on their loop's thread.
 */
public interface BaseTransport {
    /**
     * {@return transport-specific information, or {@code null}} asyncio's
     * {@code get_extra_info(name)}: {@code "peername"}, {@code "sockname"}, {@code "socket"},
     * {@code "sslcontext"}, {@code "ssl_object"}, {@code "peercert"}, {@code "cipher"},
     * {@code "compression"}, {@code "pipe"}, {@code "subprocess"}, ...
     *
     * @param name the key
     */
    Object getExtraInfo(String name);

    /**
     * {@return transport-specific information, or {@code fallback}}
     *
     * @param name the key
     * @param fallback returned when the key is unknown
     */
    default Object getExtraInfo(String name, Object fallback) {
        Object v = getExtraInfo(name);
        return v != null ? v : fallback;
    }

    /** {@return whether the transport is closing or closed} */
    boolean isClosing();

    /**
     * Closes the transport: buffered data is flushed asynchronously, then the protocol's
     * {@code connectionLost(null)} is called. asyncio's {@code close()}.
     */
    void close();

    /**
     * Switches the protocol: asyncio's {@code set_protocol}.
     *
     * @param protocol the new protocol
     */
    void setProtocol(BaseProtocol<?> protocol);

    /** {@return the current protocol} asyncio's {@code get_protocol}. */
    BaseProtocol<?> getProtocol();
}
