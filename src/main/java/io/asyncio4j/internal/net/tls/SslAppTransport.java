package io.asyncio4j.internal.net.tls;

import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Transport;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The application side of a TLS connection: asyncio's {@code sslproto._SSLProtocolTransport}.
 * Writes are encrypted at once and handed to the raw transport; reads arrive decrypted.
 *
 * <p>Extra info: {@code "sslcontext"} (the {@link javax.net.ssl.SSLContext}), {@code "ssl_object"}
 * (the {@link javax.net.ssl.SSLEngine}), {@code "peercert"} (the peer's
 * {@link java.security.cert.X509Certificate}, or {@code null}), {@code "cipher"} (the suite's
 * name), {@code "server_hostname"} (the name verified by a client, the SNI name a server was asked
 * for); anything else ({@code "peername"}, {@code "sockname"}, {@code "socket"}) comes from the raw
 * transport.
 *
 * <p><b>Differences from asyncio.</b> The write buffer and its water marks are the raw
 * transport's (TLS adds no buffer of its own once the handshake is done), so
 * {@link #setWriteBufferLimits} sets the raw transport's marks. {@code "peercert"} is an
 * {@code X509Certificate}, not a dict, and {@code "cipher"} a suite name, not a tuple.
 *
 * <p>Threading: loop thread only.
 */
public final class SslAppTransport implements Transport {
    private final SslProtocol ssl;
    private boolean closed;

    SslAppTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    void markClosed() {
        closed = true;
    }

    @Override
    public Object getExtraInfo(String name) {
        Objects.requireNonNull(name, "name");
        return ssl.extraInfo(name);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Sends close_notify after the data already written, then closes the raw transport. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ssl.startShutdown();
        }
    }

    @Override
    public void setProtocol(BaseProtocol<?> protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public BaseProtocol<?> getProtocol() {
        return ssl.appProtocol();
    }

    @Override
    public boolean isReading() {
        return ssl.isAppReading();
    }

    @Override
    public void pauseReading() {
        ssl.pauseAppReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeAppReading();
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        Transport raw = ssl.rawTransport();
        if (raw != null) {
            raw.setWriteBufferLimits(high, low);
        } else if ((high != null && high < 0) || (low != null && low < 0) || (high != null && low != null && high < low)) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
    }

    @Override
    public int getWriteBufferSize() {
        return ssl.writeBufferSize();
    }

    @Override
    public int getWriteBufferLowLimit() {
        Transport raw = ssl.rawTransport();
        return raw != null ? raw.getWriteBufferLowLimit() : 0;
    }

    @Override
    public int getWriteBufferHighLimit() {
        Transport raw = ssl.rawTransport();
        return raw != null ? raw.getWriteBufferHighLimit() : 0;
    }

    /**
     * Encrypts and sends {@code data}. After {@link #close()} the data is dropped silently, as
     * asyncio does.
     */
    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data must be a ByteBuffer, got null");
        if (!data.hasRemaining()) {
            return;
        }
        ssl.writeAppData(data);
    }

    /**
     * Not supported: TLS has no half-close.
     *
     * @throws UnsupportedOperationException always (asyncio raises NotImplementedError)
     */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS doesn't support half-closes");
    }

    /** {@return {@code false}: TLS has no half-close} */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    /** Closes the raw transport at once, without close_notify; {@code connectionLost(null)} follows. */
    @Override
    public void abort() {
        closed = true;
        ssl.abort(null);
    }

    @Override
    public String toString() {
        return "SslAppTransport[" + ssl + "]";
    }
}
