package io.asyncio4j.transports;

/**
 * The keyword arguments of {@code start_tls}.
 *
 * @param serverSide whether this end is the TLS server
 * @param serverHostname SNI and verification name (client side), or {@code null}
 * @param handshakeTimeout seconds, or {@code null} for asyncio's 60
 * @param shutdownTimeout seconds, or {@code null} for asyncio's 30
 */
public record TlsOptions(boolean serverSide, String serverHostname, Double handshakeTimeout, Double shutdownTimeout) {
    /**
     * {@return client-side options}
     *
     * @param serverHostname the server's name
     */
    public static TlsOptions client(String serverHostname) {
        return new TlsOptions(false, serverHostname, null, null);
    }

    /** {@return server-side options} */
    public static TlsOptions server() {
        return new TlsOptions(true, null, null, null);
    }
}
