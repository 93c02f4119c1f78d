package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Handle;
import io.asyncio4j.internal.net.tls.SslProtocol;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import java.util.Objects;

/**
 * TLS over any {@link Transport} with {@link javax.net.ssl.SSLEngine}: asyncio's
 * {@code sslproto.SSLProtocol} ({@link SslProtocol}) and {@code loop.start_tls}.
 *
 * <p>Client engines verify the server's name ("HTTPS" endpoint identification) and send it as SNI;
 * delegated engine tasks run inline on the loop thread. Threading: loop thread only.
 */
public final class TlsSupport {
    private TlsSupport() {
    }

    /**
     * Makes the protocol to install on a raw transport so that {@code app} talks TLS over it.
     * When the raw transport's {@code connectionMade} is called the handshake starts; when it
     * finishes, {@code app.connectionMade(appTransport)} is called and {@code appTransportReady}
     * completes with the TLS-level transport (or with the handshake's error:
     * {@link javax.net.ssl.SSLHandshakeException}, {@link io.asyncio4j.TimeoutError} after the
     * handshake timeout, {@link java.net.SocketException} if the peer went away). On failure the
     * raw transport is aborted.
     *
     * @param loop the loop
     * @param app the application's protocol ({@code Protocol} or {@code BufferedProtocol})
     * @param context the TLS context
     * @param options client/server side, SNI name, timeouts
     * @param appTransportReady completed when the handshake is done (may be {@code null})
     * @return the protocol for the raw transport
     * @throws IllegalArgumentException for a client without a server name, a non-positive
     *                                  timeout, or an unsupported protocol type
     */
    public static BaseProtocol<Transport> wrap(EventLoop loop, BaseProtocol<Transport> app, SSLContext context,
                                               TlsOptions options, Future<Transport> appTransportReady) {
        return new SslProtocol(loop, app, context, options, appTransportReady, true);
    }

    /**
     * asyncio's {@code loop.start_tls}: upgrades an open connection; suspends the current task
     * until the handshake is done. Reading is paused while the protocols are swapped so that no
     * plaintext reaches the TLS layer before it is connected. If the handshake fails (or the task
     * is cancelled) the plain transport is closed and the error is rethrown.
     *
     * @param loop the loop
     * @param transport the plain transport
     * @param protocol its protocol, which keeps receiving (now decrypted) data
     * @param context the TLS context
     * @param options client/server side, SNI name, timeouts
     * @return the TLS-level transport to use from now on
     * @throws IllegalStateException if not called from a task, or the transport is closing
     */
    public static Transport startTls(EventLoop loop, Transport transport, BaseProtocol<Transport> protocol,
                                     SSLContext context, TlsOptions options) {
        Objects.requireNonNull(transport, "startTls needs the transport to upgrade");
        Objects.requireNonNull(protocol, "startTls needs the protocol to keep");
        Objects.requireNonNull(context, "startTls needs an SSLContext");
        Objects.requireNonNull(options, "startTls needs TlsOptions (TlsOptions.client(name) or TlsOptions.server())");
        if (transport.isClosing()) {
            throw new IllegalStateException("startTls: the transport is closing: " + transport);
        }
        Future<Transport> waiter = loop.createFuture();
        SslProtocol ssl = new SslProtocol(loop, protocol, context, options, waiter, false);
        // As asyncio: pause first so that no data reaches the TLS protocol before its
        // connectionMade has run.
        transport.pauseReading();
        transport.setProtocol(ssl);
        Handle conmade = loop.callSoon(() -> ssl.connectionMade(transport));
        Handle resume = loop.callSoon(transport::resumeReading);
        try {
            return waiter.await();
        } catch (Throwable e) {
            transport.close();
            conmade.cancel();
            resume.cancel();
            throw e;
        }
    }
}
