package io.asyncio4j.internal.net.tls;

import io.asyncio4j.transports.TlsOptions;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Makes the {@link SSLEngine} of one connection, the way asyncio's
 * {@code sslproto._create_transport_context} and {@code SSLContext.wrap_bio} do.
 *
 * <p>A client engine always verifies the server's name ({@code "HTTPS"} endpoint identification,
 * asyncio's {@code check_hostname=True}) and sends it as SNI unless it is an IP literal (RFC 6066
 * forbids IP addresses in SNI; the certificate's IP SANs are still checked). Turning verification
 * off is the caller's explicit choice: an {@link SSLContext} whose trust manager accepts anything.
 */
final class TlsEngines {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private TlsEngines() {
    }

    /**
     * {@return a fresh engine for one connection}
     *
     * @param context the TLS context
     * @param options the side and the server name
     * @throws IllegalArgumentException if a client has no server name to verify
     */
    static SSLEngine create(SSLContext context, TlsOptions options) {
        Objects.requireNonNull(context, "TLS needs an SSLContext");
        Objects.requireNonNull(options, "TLS needs TlsOptions (TlsOptions.client(name) or TlsOptions.server())");
        if (options.serverSide()) {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            return engine;
        }
        String name = options.serverHostname();
        if (name == null || name.isEmpty()) {
            // asyncio: "check_hostname requires server_hostname" / "You must set server_hostname
            // when using ssl without a host".
            throw new IllegalArgumentException(
                    "a TLS client needs serverHostname to verify the server's certificate "
                            + "(TlsOptions.client(name), or ConnectOptions.withServerHostname(name))");
        }
        SSLEngine engine = context.createSSLEngine(name, -1);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(name)) {
            params.setServerNames(List.of(new SNIHostName(name)));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    /**
     * {@return the peer's certificate, or {@code null} if it sent none (yet)}
     *
     * @param session the engine's session
     */
    static X509Certificate peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * {@return the SNI host name a client asked a server engine for, or {@code null}}
     *
     * @param session a server engine's session
     */
    static String requestedServerName(SSLSession session) {
        if (session instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return null;
    }

    /**
     * {@return whether {@code host} is an IPv4 or IPv6 literal}
     *
     * @param host the name
     */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }
}
