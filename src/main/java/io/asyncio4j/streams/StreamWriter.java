package io.asyncio4j.streams;

import io.asyncio4j.internal.Delays;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;
import io.asyncio4j.transports.WriteTransport;

import javax.net.ssl.SSLContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The writing half of a stream: asyncio's {@code asyncio.StreamWriter}. {@link #write} never
 * blocks (the transport buffers); call {@link #drain()} after writing to wait while the
 * transport's buffer is above its high water mark, so a slow peer keeps memory bounded.
 *
 * {@snippet :
 * writer.write("PING\r\n");
 * writer.drain();          // suspends while the peer is slow; throws the connection's error
 * writer.close();
 * writer.waitClosed();
 * }
 *
 * <p>Threading: not thread-safe; use it on its loop's thread. {@link #drain()},
 * {@link #waitClosed()} and {@link #startTls} suspend the current task.
 *
 * <p>Connection errors (e.g. {@link java.net.SocketException} "Connection reset") are
 * {@link java.io.IOException}s rethrown without being declared, as every awaited failure in
 * asyncio4j is; catch {@code Exception} and test the type.
 */
public class StreamWriter {
    private WriteTransport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;
    private final EventLoop loop;

    /**
     * Wraps a transport: asyncio's {@code StreamWriter(transport, protocol, reader, loop)}.
     *
     * @param transport the transport to write to
     * @param protocol the transport's protocol, which provides flow control and close waiting
     * @param reader the reading half of the same connection, or {@code null}; its error is
     *               raised by {@link #drain()}
     * @param loop the loop
     */
    public StreamWriter(WriteTransport transport, StreamReaderProtocol protocol, StreamReader reader, EventLoop loop) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.reader = reader;
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** {@return the underlying transport} asyncio's {@code transport} property. */
    public WriteTransport transport() {
        return transport;
    }

    /**
     * Writes {@code data} (buffered by the transport): asyncio's {@code write}.
     *
     * @param data the bytes
     */
    public void write(byte[] data) {
        transport.write(ByteBuffer.wrap(data));
    }

    /**
     * Writes the remaining bytes of {@code data}.
     *
     * @param data the bytes
     */
    public void write(ByteBuffer data) {
        transport.write(data);
    }

    /**
     * Writes {@code text} as UTF-8.
     *
     * @param text the text
     */
    public void write(String text) {
        transport.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes several chunks in order: asyncio's {@code writelines}.
     *
     * @param chunks the chunks
     */
    public void writelines(Iterable<byte[]> chunks) {
        for (byte[] c : chunks) {
            transport.write(ByteBuffer.wrap(c));
        }
    }

    /** Closes the sending half once the buffer is flushed: asyncio's {@code write_eof}. */
    public void writeEof() {
        transport.writeEof();
    }

    /** {@return whether the transport supports {@link #writeEof()}} asyncio's {@code can_write_eof}. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the transport (buffered data is still sent): asyncio's {@code close}. */
    public void close() {
        transport.close();
    }

    /** {@return whether the transport is closing or closed} asyncio's {@code is_closing}. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Suspends the current task until the connection is closed: asyncio's {@code wait_closed}.
     * Throws the error that closed it, if any.
     */
    public void waitClosed() {
        protocol.closeWaiter().await();
    }

    /**
     * {@return transport information, or {@code null}} asyncio's {@code get_extra_info(name)}.
     *
     * @param name the key ("peername", "sockname", "socket", "sslcontext", ...)
     */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    /**
     * {@return transport information, or {@code fallback}}
     *
     * @param name the key
     * @param fallback the default
     */
    public Object getExtraInfo(String name, Object fallback) {
        return transport.getExtraInfo(name, fallback);
    }

    /**
     * Waits until it is fine to write again: asyncio's {@code drain()}. Returns at once while the
     * transport's buffer is below the high water mark; otherwise suspends the current task until
     * it drains to the low water mark.
     *
     * <p>Raises (without declaring it) the connection's {@link java.io.IOException}: a reset, a
     * broken pipe, or {@link java.net.SocketException} "Connection lost" once the connection is
     * gone without an error.
     */
    public void drain() {
        if (reader != null) {
            Throwable exc = reader.exception();
            if (exc != null) {
                throw Sneaky.rethrow(exc);
            }
        }
        if (transport.isClosing()) {
            // Let connectionLost run first so the real error, not a generic one, is raised
            // (asyncio does the same sleep(0)).
            Asyncio.sleep(0);
        }
        protocol.drainHelper();
    }

    /**
     * Upgrades the connection to TLS: asyncio's {@code StreamWriter.start_tls}. Drains, then
     * hands the transport to {@link EventLoop#startTls}; the reader keeps receiving, now
     * decrypted. The side (client/server) follows how the stream was made.
     *
     * @param context the TLS context
     * @param serverHostname SNI and verification name (client side), or {@code null}
     * @param handshakeTimeout seconds
     * @throws IllegalArgumentException if {@code handshakeTimeout} is not a positive number
     */
    public void startTls(SSLContext context, String serverHostname, double handshakeTimeout) {
        startTlsWith(context, serverHostname, handshakeTimeout);
    }

    /**
     * Like {@link #startTls(SSLContext, String, double)} with a {@link java.time.Duration}.
     *
     * @param context the TLS context
     * @param serverHostname SNI and verification name (client side), or {@code null}
     * @param handshakeTimeout how long the handshake may take
     */
    public void startTls(SSLContext context, String serverHostname, java.time.Duration handshakeTimeout) {
        startTlsWith(context, serverHostname, Delays.seconds(handshakeTimeout, "handshakeTimeout"));
    }

    /**
     * Like {@link #startTls(SSLContext, String, double)} with asyncio's default handshake timeout
     * (60 seconds).
     *
     * @param context the TLS context
     * @param serverHostname SNI and verification name (client side), or {@code null}
     */
    public void startTls(SSLContext context, String serverHostname) {
        startTlsWith(context, serverHostname, null);
    }

    private void startTlsWith(SSLContext context, String serverHostname, Double handshakeTimeout) {
        if (!(transport instanceof Transport t)) {
            throw new UnsupportedOperationException("startTls needs a stream transport, not " + transport);
        }
        drain();
        TlsOptions opts = new TlsOptions(protocol.isServerSide(), serverHostname, handshakeTimeout, null);
        Transport upgraded = loop.startTls(t, protocol, context, opts);
        transport = upgraded;
        protocol.replaceTransport(upgraded);
    }

    /**
     * Upgrades the connection to TLS with default options.
     *
     * @param context the TLS context
     */
    public void startTls(SSLContext context) {
        startTlsWith(context, null, null);
    }

    @Override
    public String toString() {
        return "StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "");
    }
}
