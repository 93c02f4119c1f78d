package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One receive buffer per loop, shared by all its stream transports: only one callback runs at a
 * time on a loop, so a read and its {@code dataReceived} call never overlap. asyncio reads up to
 * {@code max_size} (256 KiB) per readiness event; so do we.
 */
public final class ReadBuffers {
    /** asyncio's {@code _SelectorSocketTransport.max_size}. */
    public static final int SIZE = 256 * 1024;
    private static final Map<EventLoop, ByteBuffer> BUFFERS = new WeakHashMap<>();

    private ReadBuffers() {
    }

    /**
     * {@return the read buffer of {@code loop}} Direct, so the channel reads into it without the
     * JDK's intermediate copy.
     *
     * @param loop the loop
     */
    public static ByteBuffer of(EventLoop loop) {
        synchronized (BUFFERS) {
            return BUFFERS.computeIfAbsent(loop, l -> ByteBuffer.allocateDirect(SIZE));
        }
    }
}
