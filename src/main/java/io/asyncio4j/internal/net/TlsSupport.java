package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;

/**
 * TLS over any {@link Transport} with {@link javax.net.ssl.SSLEngine} (asyncio's
 * {@code sslproto.SSLProtocol}). STUB: implemented by the TLS work (issue 3).
 */
public final class TlsSupport {
    private TlsSupport() {
    }

    /**
     * Makes the protocol to install on a raw transport so that {@code app} talks TLS over it.
     * When the raw transport's {@code connectionMade} is called the handshake starts; when it
     * finishes, {@code app.connectionMade(appTransport)} is called and {@code appTransportReady}
     * completes with the TLS-level transport (or with the handshake's error).
     *
     * @param loop the loop
     * @param app the application's protocol
     * @param context the TLS context
     * @param options client/server side, SNI name, timeouts
     * @param appTransportReady completed when the handshake is done
     * @return the protocol for the raw transport
     */
    public static BaseProtocol<Transport> wrap(EventLoop loop, BaseProtocol<Transport> app, SSLContext context,
                                               TlsOptions options, Future<Transport> appTransportReady) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }

    /**
     * asyncio's {@code loop.start_tls}: upgrades an open connection; suspends the current task
     * until the handshake is done.
     *
     * @param loop the loop
     * @param transport the plain transport
     * @param protocol its protocol
     * @param context the TLS context
     * @param options client/server side, SNI name, timeouts
     * @return the TLS-level transport to use from now on
     */
    public static Transport startTls(EventLoop loop, Transport transport, BaseProtocol<Transport> protocol,
                                     SSLContext context, TlsOptions options) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }
}
