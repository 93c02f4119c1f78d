package io.asyncio4j.transports;

/**
 * What {@code createConnection} returns: asyncio's {@code (transport, protocol)} pair.
 *
 * @param transport the transport
 * @param protocol the protocol
 * @param <T> the transport type
 * @param <P> the protocol type
 */
public record Connection<T extends BaseTransport, P>(T transport, P protocol) {
}
