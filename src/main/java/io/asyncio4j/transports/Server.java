package io.asyncio4j.transports;

import io.asyncio4j.EventLoop;

import java.nio.channels.ServerSocketChannel;
import java.util.List;

/**
 * A listening server: asyncio's {@code asyncio.Server}, returned by
 * {@link EventLoop#createServer} and {@code Asyncio.startServer}.
 *
 * <p>States: {@code created -> serving -> closed}.
 */
public interface Server extends AutoCloseable {
    /** {@return the loop the server runs on} */
    EventLoop getLoop();

    /** {@return the listening sockets (empty once closed)} */
    List<ServerSocketChannel> sockets();

    /** {@return whether the server accepts connections} */
    boolean isServing();

    /** Starts accepting, if created with {@code startServing=false}. */
    void startServing();

    /**
     * Accepts until cancelled; cancelling the calling task closes the server: asyncio's
     * {@code serve_forever()}. Suspends the current task.
     */
    void serveForever();

    /**
     * Stops listening; connections already accepted stay open: asyncio's {@code close()}.
     */
    @Override
    void close();

    /** Closes every connection the server accepted: asyncio 3.13's {@code close_clients()}. */
    void closeClients();

    /** Aborts every connection the server accepted: asyncio 3.13's {@code abort_clients()}. */
    void abortClients();

    /**
     * Suspends the current task until the server is closed and its connections are gone:
     * asyncio's {@code wait_closed()}.
     */
    void waitClosed();
}
