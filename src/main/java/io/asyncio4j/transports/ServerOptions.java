package io.asyncio4j.transports;

import io.asyncio4j.internal.Delays;
import javax.net.ssl.SSLContext;

/**
 * The keyword arguments of {@code create_server} / {@code start_server}.
 *
 * @param backlog the listen backlog (asyncio's default 100)
 * @param ssl the TLS context, or {@code null} for plain TCP
 * @param reuseAddress SO_REUSEADDR (asyncio's default on POSIX: true)
 * @param reusePort SO_REUSEPORT, to share the port between several loops
 * @param startServing whether to accept at once
 * <p>The timeouts are boxed because {@code null} means asyncio's default ({@code None}); the
 * {@code with...} methods take primitive seconds or a {@link java.time.Duration}.
 *
 * @param sslHandshakeTimeout seconds, or {@code null} for asyncio's 60
 * @param sslShutdownTimeout seconds, or {@code null} for asyncio's 30
 * @param cleanupSocket whether closing a Unix server removes the socket file it created
 *                      (asyncio 3.13's {@code cleanup_socket}, default true); ignored for TCP
 */
public record ServerOptions(int backlog, SSLContext ssl, boolean reuseAddress, boolean reusePort,
                            boolean startServing, Double sslHandshakeTimeout, Double sslShutdownTimeout,
                            boolean cleanupSocket) {
    /** asyncio's defaults. */
    public static final ServerOptions DEFAULT = new ServerOptions(100, null, true, false, true, null, null);

    /**
     * Options with {@code cleanupSocket} on, asyncio's default.
     *
     * @param backlog the listen backlog
     * @param ssl the TLS context, or {@code null}
     * @param reuseAddress SO_REUSEADDR
     * @param reusePort SO_REUSEPORT
     * @param startServing whether to accept at once
     * @param sslHandshakeTimeout seconds, or {@code null}
     * @param sslShutdownTimeout seconds, or {@code null}
     */
    public ServerOptions(int backlog, SSLContext ssl, boolean reuseAddress, boolean reusePort,
                         boolean startServing, Double sslHandshakeTimeout, Double sslShutdownTimeout) {
        this(backlog, ssl, reuseAddress, reusePort, startServing, sslHandshakeTimeout, sslShutdownTimeout, true);
    }

    /**
     * {@return a copy that keeps (false) or removes (true) a Unix server's socket file on close}
     * asyncio 3.13's {@code start_unix_server(..., cleanup_socket=...)}.
     *
     * @param on whether {@code close()} removes the socket file
     */
    public ServerOptions withCleanupSocket(boolean on) {
        return new ServerOptions(backlog, ssl, reuseAddress, reusePort, startServing, sslHandshakeTimeout,
                sslShutdownTimeout, on);
    }

    /**
     * {@return a copy using TLS}
     *
     * @param context the TLS context
     */
    public ServerOptions withSsl(SSLContext context) {
        return new ServerOptions(backlog, context, reuseAddress, reusePort, startServing, sslHandshakeTimeout, sslShutdownTimeout, cleanupSocket);
    }

    /**
     * {@return a copy with SO_REUSEPORT on or off}
     *
     * @param on whether to share the port
     */
    public ServerOptions withReusePort(boolean on) {
        return new ServerOptions(backlog, ssl, reuseAddress, on, startServing, sslHandshakeTimeout, sslShutdownTimeout, cleanupSocket);
    }

    /**
     * {@return a copy with another backlog}
     *
     * @param n the backlog
     */
    public ServerOptions withBacklog(int n) {
        return new ServerOptions(n, ssl, reuseAddress, reusePort, startServing, sslHandshakeTimeout, sslShutdownTimeout, cleanupSocket);
    }

    /**
     * {@return a copy that starts serving at once or not}
     *
     * @param on whether to accept at once
     */
    public ServerOptions withStartServing(boolean on) {
        return new ServerOptions(backlog, ssl, reuseAddress, reusePort, on, sslHandshakeTimeout, sslShutdownTimeout, cleanupSocket);
    }

    /**
     * {@return a copy with a TLS handshake timeout}
     *
     * @param seconds the timeout
     */
    public ServerOptions withSslHandshakeTimeout(double seconds) {
        return new ServerOptions(backlog, ssl, reuseAddress, reusePort, startServing, seconds, sslShutdownTimeout);
    }

    /**
     * {@return a copy with a TLS handshake timeout}
     *
     * @param timeout the timeout
     */
    public ServerOptions withSslHandshakeTimeout(java.time.Duration timeout) {
        return withSslHandshakeTimeout(Delays.seconds(timeout, "timeout"));
    }

    /**
     * {@return a copy with a TLS shutdown timeout}
     *
     * @param seconds the timeout
     */
    public ServerOptions withSslShutdownTimeout(double seconds) {
        return new ServerOptions(backlog, ssl, reuseAddress, reusePort, startServing, sslHandshakeTimeout, seconds);
    }

    /**
     * {@return a copy with a TLS shutdown timeout}
     *
     * @param timeout the timeout
     */
    public ServerOptions withSslShutdownTimeout(java.time.Duration timeout) {
        return withSslShutdownTimeout(Delays.seconds(timeout, "timeout"));
    }
}
