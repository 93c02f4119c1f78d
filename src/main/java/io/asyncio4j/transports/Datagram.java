package io.asyncio4j.transports;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A datagram received with {@code loop.sockRecvfrom}: asyncio's {@code (data, address)} pair.
 *
 * @param data the bytes received (flipped: position 0, limit the length)
 * @param address the sender
 */
public record Datagram(ByteBuffer data, SocketAddress address) {
}
