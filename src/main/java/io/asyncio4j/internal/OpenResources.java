package io.asyncio4j.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Process-wide counts of open event loops, socket transports, servers and subprocess transports
 * (the one place that counts them), for leak checks in
 * tests (a test class must leave them where it found them). One atomic update per open and per
 * close; nothing on the data path.
 */
public final class OpenResources {
    private static final AtomicInteger LOOPS = new AtomicInteger();
    private static final AtomicInteger TRANSPORTS = new AtomicInteger();
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final AtomicInteger SUBPROCESS_TRANSPORTS = new AtomicInteger();

    private OpenResources() {
    }

    /** {@return event loops created and not yet closed} */
    public static int loops() {
        return LOOPS.get();
    }

    /** {@return socket transports whose socket is not yet closed} */
    public static int transports() {
        return TRANSPORTS.get();
    }

    /** {@return servers not yet closed} */
    public static int servers() {
        return SERVERS.get();
    }

    public static void loopOpened() {
        LOOPS.incrementAndGet();
    }

    public static void loopClosed() {
        LOOPS.decrementAndGet();
    }

    /** A socket transport took ownership of a socket. */
    public static void transportOpened() {
        TRANSPORTS.incrementAndGet();
    }

    /** A socket transport closed its socket. */
    public static void transportClosed() {
        TRANSPORTS.decrementAndGet();
    }

    /** A server started listening. */
    public static void serverOpened() {
        SERVERS.incrementAndGet();
    }

    /** A server closed its listening sockets. */
    public static void serverClosed() {
        SERVERS.decrementAndGet();
    }

    /**
     * {@return subprocess transports spawned and not yet closed} asyncio warns about such a
     * transport ("unclosed transport") when it is collected.
     */
    public static int subprocessTransports() {
        return SUBPROCESS_TRANSPORTS.get();
    }

    /** A subprocess transport was spawned. */
    public static void subprocessTransportOpened() {
        SUBPROCESS_TRANSPORTS.incrementAndGet();
    }

    /** A subprocess transport was closed. */
    public static void subprocessTransportClosed() {
        SUBPROCESS_TRANSPORTS.decrementAndGet();
    }
}
