package io.asyncio4j.transports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A transport that sends: asyncio's {@code asyncio.WriteTransport}.
 *
 * <p>{@link #write} never blocks: it sends what the socket takes at once and buffers the rest.
 * When the buffer grows past the high water mark the protocol's {@code pauseWriting()} is called,
 * and {@code resumeWriting()} once it drains to the low water mark (asyncio's defaults: 64 KiB
 * high, 16 KiB low).
 */
public interface WriteTransport extends BaseTransport {
    /**
     * Sets the water marks: asyncio's {@code set_write_buffer_limits(high, low)}.
     *
     * @param high the high mark in bytes, or {@code null} for the default (64 KiB, or 4×low)
     * @param low the low mark in bytes, or {@code null} for the default (high/4)
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(Integer high, Integer low);

    /** {@return the bytes buffered, not yet sent} */
    int getWriteBufferSize();

    /** {@return the low water mark in bytes} */
    int getWriteBufferLowLimit();

    /** {@return the high water mark in bytes} */
    int getWriteBufferHighLimit();

    /**
     * {@return both water marks} asyncio's {@code get_write_buffer_limits()}, which returns
     * {@code (low, high)}.
     */
    default WriteBufferLimits getWriteBufferLimits() {
        return new WriteBufferLimits(getWriteBufferLowLimit(), getWriteBufferHighLimit());
    }

    /**
     * Sends {@code data} (its remaining bytes); the transport keeps a copy of what it cannot send
     * at once, so the caller may reuse the buffer.
     *
     * @param data the bytes
     * @throws IllegalStateException if {@link #writeEof()} was called
     */
    void write(ByteBuffer data);

    /**
     * Sends {@code data}.
     *
     * @param data the bytes
     */
    default void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /**
     * Sends {@code text} as UTF-8.
     *
     * @param text the text
     */
    default void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends several buffers: asyncio's {@code writelines}. This default joins their remaining
     * bytes into one {@link #write(ByteBuffer)} call, as asyncio's base {@code Transport} does;
     * the buffers' positions are left as they were.
     *
     * @param buffers the buffers, in order
     * @throws IllegalArgumentException if together they hold more than 2 GiB
     */
    default void writelines(Iterable<ByteBuffer> buffers) {
        java.util.List<ByteBuffer> parts = new java.util.ArrayList<>();
        long total = 0;
        for (ByteBuffer b : buffers) {
            parts.add(b.duplicate());
            total += b.remaining();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("writelines: " + total + " bytes do not fit one buffer");
        }
        ByteBuffer joined = ByteBuffer.allocate((int) total);
        parts.forEach(joined::put);
        write(joined.flip());
    }

    /** Closes the sending half after flushing: asyncio's {@code write_eof}. */
    void writeEof();

    /** {@return whether this transport supports {@link #writeEof()}} */
    boolean canWriteEof();

    /**
     * Closes at once, dropping buffered data; {@code connectionLost(null)} follows.
     * asyncio's {@code abort()}.
     */
    void abort();
}
