package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.internal.net.tls.SslAppTransport;
import io.asyncio4j.transports.SendfileNotAvailableError;
import io.asyncio4j.transports.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * asyncio's {@code loop.sendfile}: a file over a transport. On a plain socket transport the
 * transport's buffer is flushed first, reading paused, and the socket handed to
 * {@link SockSendfile} ({@code FileChannel.transferTo}, zero-copy where the OS allows: asyncio's
 * {@code _sendfile_native}); on a TLS transport the file is read in blocks on a worker thread and
 * written through the transport with its flow control (asyncio's {@code _sendfile_fallback}).
 */
public final class TransportSendfile {
    /** asyncio's fallback block size. */
    private static final int BLOCK = 16384;

    private TransportSendfile() {
    }

    /**
     * The body of {@code EventLoop.sendfile}.
     *
     * @return the bytes sent
     */
    public static long send(EventLoop loop, Transport transport, FileChannel file, long offset, Long count,
            boolean fallback) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be a non-negative integer (got " + offset + ")");
        }
        if (count != null && count <= 0) {
            throw new IllegalArgumentException("count must be a positive integer (got " + count + ")");
        }
        if (transport.isClosing()) {
            throw new IllegalStateException("Transport is closing");
        }
        if (transport instanceof SelectorSocketTransport plain) {
            return sendNative(loop, plain, file, offset, count);
        }
        if (!(transport instanceof SslAppTransport)) {
            throw new IllegalArgumentException("sendfile is not supported for transport " + transport);
        }
        if (!fallback) {
            throw new SendfileNotAvailableError(
                    "fallback is disabled and native sendfile is not supported for transport " + transport);
        }
        return sendFallback(loop, transport, file, offset, count);
    }

    private static long sendNative(EventLoop loop, SelectorSocketTransport transport, FileChannel file, long offset,
            Long count) {
        boolean resumeReading = transport.isReading();
        transport.pauseReading();
        try {
            transport.beginSendfile().await();
            return SockSendfile.send(loop, transport.channel(), file, offset, count);
        } finally {
            transport.endSendfile();
            if (resumeReading) {
                transport.resumeReading();
            }
        }
    }

    private static long sendFallback(EventLoop loop, Transport transport, FileChannel file, long offset, Long count) {
        int blocksize = count != null ? (int) Math.min(count, BLOCK) : BLOCK;
        long total = 0;
        SendfileFallbackProtocol proto = new SendfileFallbackProtocol(loop, transport);
        try {
            while (true) {
                if (count != null) {
                    blocksize = (int) Math.min(count - total, blocksize);
                    if (blocksize <= 0) {
                        return total;
                    }
                }
                ByteBuffer block = ByteBuffer.allocate(blocksize);
                long position = offset + total;
                int read = Asyncio.toThread(() -> file.read(block, position));
                if (read <= 0) {
                    return total; // end of file
                }
                proto.drain();
                transport.write(block.flip());
                total += read;
            }
        } finally {
            if (total > 0) {
                try {
                    file.position(offset + total);
                } catch (IOException e) {
                    // The file was closed meanwhile: there is no position to keep.
                }
            }
            proto.restore();
        }
    }
}
