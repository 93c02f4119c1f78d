package io.asyncio4j.transports;

import java.net.SocketAddress;

/**
 * The keyword arguments of {@code create_datagram_endpoint}.
 *
 * @param localAddress the address to bind, or {@code null}
 * @param remoteAddress the address to connect to, or {@code null}
 * @param reusePort SO_REUSEPORT
 * @param allowBroadcast SO_BROADCAST
 */
public record DatagramOptions(SocketAddress localAddress, SocketAddress remoteAddress, boolean reusePort,
                              boolean allowBroadcast) {
    /**
     * {@return options that bind {@code local}}
     *
     * @param local the local address
     */
    public static DatagramOptions local(SocketAddress local) {
        return new DatagramOptions(local, null, false, false);
    }

    /**
     * {@return options that connect to {@code remote}}
     *
     * @param remote the remote address
     */
    public static DatagramOptions remote(SocketAddress remote) {
        return new DatagramOptions(null, remote, false, false);
    }
}
