package io.asyncio4j.transports;

import java.net.SocketAddress;

/**
 * What {@code loop.sockRecvfromInto} received: asyncio's {@code (nbytes, address)} pair.
 *
 * @param nbytes how many bytes were written into the buffer
 * @param address the sender
 */
public record DatagramReceipt(int nbytes, SocketAddress address) {
}
