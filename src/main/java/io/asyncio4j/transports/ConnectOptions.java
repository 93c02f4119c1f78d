package io.asyncio4j.transports;

import io.asyncio4j.internal.Delays;
import javax.net.ssl.SSLContext;
import java.net.SocketAddress;

/**
 * The keyword arguments of {@code create_connection} / {@code open_connection}.
 *
 * <pre>{@code
 * var opts = ConnectOptions.DEFAULT.withHappyEyeballsDelay(0.25);   // RFC 8305, as asyncio
 * var pair = Asyncio.openConnection("example.org", 443, opts.withSsl(SSLContext.getDefault()));
 * }</pre>
 *
 * @param ssl the TLS context, or {@code null} for plain TCP
 * @param serverHostname the name to send as SNI and to verify, or {@code null} for the host
 * @param localAddress the local address to bind, or {@code null}
 * <p>The timeouts are boxed because {@code null} means asyncio's default ({@code None}); the
 * {@code with...} methods take primitive seconds or a {@link java.time.Duration}.
 *
 * @param sslHandshakeTimeout seconds, or {@code null} for asyncio's 60
 * @param sslShutdownTimeout seconds, or {@code null} for asyncio's 30
 * @param happyEyeballsDelay seconds to wait for one address before also trying the next (asyncio's
 *        {@code happy_eyeballs_delay}; RFC 8305 recommends 0.25), or {@code null} to try the
 *        addresses one after the other
 * @param interleave asyncio's {@code interleave}: reorder the resolved addresses by family, this
 *        many of the first family first, then alternating; {@code null} keeps the resolver's order
 *        (or means 1 when {@code happyEyeballsDelay} is set, as in asyncio)
 * @param allErrors asyncio's {@code all_errors}: when every address fails, raise an
 *        {@link io.asyncio4j.ExceptionGroup} of all the errors instead of one combined error
 */
public record ConnectOptions(SSLContext ssl, String serverHostname, SocketAddress localAddress,
                             Double sslHandshakeTimeout, Double sslShutdownTimeout,
                             Double happyEyeballsDelay, Integer interleave, boolean allErrors) {
    /** Plain TCP, no options. */
    public static final ConnectOptions DEFAULT = new ConnectOptions(null, null, null, null, null);

    /**
     * Checks the values, as {@code create_connection} does.
     *
     * @throws IllegalArgumentException for a negative delay or an interleave below 1
     */
    public ConnectOptions {
        if (happyEyeballsDelay != null && !(happyEyeballsDelay >= 0)) {
            throw new IllegalArgumentException("happyEyeballsDelay must be >= 0 seconds, got " + happyEyeballsDelay);
        }
        if (interleave != null && interleave < 1) {
            throw new IllegalArgumentException("interleave must be >= 1, got " + interleave);
        }
    }

    /**
     * The options before happy eyeballs existed here: no staggered connects, resolver order, one
     * combined error.
     *
     * @param ssl the TLS context, or {@code null}
     * @param serverHostname the SNI / verification name, or {@code null}
     * @param localAddress the local address to bind, or {@code null}
     * @param sslHandshakeTimeout seconds, or {@code null}
     * @param sslShutdownTimeout seconds, or {@code null}
     */
    public ConnectOptions(SSLContext ssl, String serverHostname, SocketAddress localAddress,
                          Double sslHandshakeTimeout, Double sslShutdownTimeout) {
        this(ssl, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout, null, null, false);
    }

    /**
     * {@return a copy using TLS with {@code context}}
     *
     * @param context the TLS context
     */
    public ConnectOptions withSsl(SSLContext context) {
        return new ConnectOptions(context, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout,
                happyEyeballsDelay, interleave, allErrors);
    }

    /**
     * {@return a copy with a server name for SNI and verification}
     *
     * @param name the name
     */
    public ConnectOptions withServerHostname(String name) {
        return new ConnectOptions(ssl, name, localAddress, sslHandshakeTimeout, sslShutdownTimeout,
                happyEyeballsDelay, interleave, allErrors);
    }

    /**
     * {@return a copy bound to a local address}
     *
     * @param address the local address
     */
    public ConnectOptions withLocalAddress(SocketAddress address) {
        return new ConnectOptions(ssl, serverHostname, address, sslHandshakeTimeout, sslShutdownTimeout,
                happyEyeballsDelay, interleave, allErrors);
    }

    /**
     * {@return a copy with a TLS handshake timeout}
     *
     * @param seconds the timeout
     */
    public ConnectOptions withSslHandshakeTimeout(double seconds) {
        return new ConnectOptions(ssl, serverHostname, localAddress, seconds, sslShutdownTimeout,
                happyEyeballsDelay, interleave, allErrors);
    }

    /**
     * {@return a copy with a TLS shutdown timeout}
     *
     * @param seconds the timeout
     */
    public ConnectOptions withSslShutdownTimeout(double seconds) {
        return new ConnectOptions(ssl, serverHostname, localAddress, sslHandshakeTimeout, seconds,
                happyEyeballsDelay, interleave, allErrors);
    }

    /**
     * {@return a copy connecting with happy eyeballs} asyncio's {@code happy_eyeballs_delay}: the
     * next address is tried when the previous one fails or after {@code seconds}, whichever comes
     * first; the first connection made wins and the others are closed.
     *
     * @param seconds the delay between attempts (RFC 8305 recommends 0.25)
     */
    public ConnectOptions withHappyEyeballsDelay(double seconds) {
        return new ConnectOptions(ssl, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout,
                seconds, interleave, allErrors);
    }

    /**
     * {@return a copy with a TLS handshake timeout}
     *
     * @param timeout the timeout
     */
    public ConnectOptions withSslHandshakeTimeout(java.time.Duration timeout) {
        return withSslHandshakeTimeout(Delays.seconds(timeout, "timeout"));
    }

    /**
     * {@return a copy with a TLS shutdown timeout}
     *
     * @param timeout the timeout
     */
    public ConnectOptions withSslShutdownTimeout(java.time.Duration timeout) {
        return withSslShutdownTimeout(Delays.seconds(timeout, "timeout"));
    }

    /**
     * {@return a copy connecting with happy eyeballs} Like {@link #withHappyEyeballsDelay(double)}.
     *
     * @param delay the delay between attempts
     */
    public ConnectOptions withHappyEyeballsDelay(java.time.Duration delay) {
        return withHappyEyeballsDelay(Delays.seconds(delay, "delay"));
    }

    /**
     * {@return a copy reordering addresses by family} asyncio's {@code interleave}.
     *
     * @param firstFamilyCount how many addresses of the first family come before alternating
     */
    public ConnectOptions withInterleave(int firstFamilyCount) {
        return new ConnectOptions(ssl, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout,
                happyEyeballsDelay, firstFamilyCount, allErrors);
    }

    /**
     * {@return a copy that reports every failed address} asyncio's {@code all_errors=True}.
     */
    public ConnectOptions withAllErrors() {
        return new ConnectOptions(ssl, serverHostname, localAddress, sslHandshakeTimeout, sslShutdownTimeout,
                happyEyeballsDelay, interleave, true);
    }
}
