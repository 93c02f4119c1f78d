package io.asyncio4j.transports;

import javax.net.ssl.SSLContext;
import java.net.SocketAddress;

/**
 * The keyword arguments of {@code create_connection} / {@code open_connection}.
 *
 * @param ssl the TLS context, or {@code null} for plain TCP
 * @param serverHostname the name to send as SNI and to verify, or {@code null} for the host
 * @param localAddress the local address to bind, or {@code null}
 * @param sslHandshakeTimeout seconds, or {@code null} for asyncio's 60
 * @param sslShutdownTimeout seconds, or {@code null} for asyncio's 30
 */
public record ConnectOptions(SSLContext ssl, String serverHostname, SocketAddress localAddress,
                             Double sslHandshakeTimeout, Double sslShutdownTimeout) {
    /** Plain TCP, no options. */
    public static final ConnectOptions DEFAULT = new ConnectOptions(null, null, null, null, null);

    /**
     * {@return a copy using TLS with {@code context}}
     *
     * @param context the TLS context
     */
    public ConnectOptions withSsl(SSLContext context) {
        return new ConnectOptions(context, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /**
     * {@return a copy with a server name for SNI and verification}
     *
     * @param name the name
     */
    public ConnectOptions withServerHostname(String name) {
        return new ConnectOptions(ssl, name, localAddress, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /**
     * {@return a copy bound to a local address}
     *
     * @param address the local address
     */
    public ConnectOptions withLocalAddress(SocketAddress address) {
        return new ConnectOptions(ssl, serverHostname, address, sslHandshakeTimeout, sslShutdownTimeout);
    }

    /**
     * {@return a copy with a TLS handshake timeout}
     *
     * @param seconds the timeout
     */
    public ConnectOptions withSslHandshakeTimeout(double seconds) {
        return new ConnectOptions(ssl, serverHostname, localAddress, seconds, sslShutdownTimeout);
    }
}
