package io.asyncio4j.internal.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A listening TCP or Unix-socket server: asyncio's {@code base_events.Server} with
 * {@code selector_events}' accept loop.
 *
 * <p>States: {@code created (listening, not accepting) -> serving -> closed}; once closed and
 * every accepted connection is gone, {@link #waitClosed()} returns. Not thread-safe: used on the
 * loop's thread.
 */
final class TcpServer implements Server {
    /** asyncio's {@code constants.ACCEPT_RETRY_DELAY}: seconds to wait after EMFILE and the like. */
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    private final EventLoop loop;
    private final Supplier<? extends BaseProtocol<Transport>> factory;
    private final ServerOptions options;
    private final List<UnixPath> unixPaths;

    /** A socket file this server created, and its identity (inode) to recognise it at close. */
    record UnixPath(Path path, Object fileKey) {
    }

    /** How a listening socket is accepted from; a seam so tests can make accept fail. */
    @FunctionalInterface
    interface Acceptor {
        /**
         * {@return the next connection, or {@code null} if none is pending}
         *
         * @param listener the listening socket, non-blocking
         * @throws IOException as {@link ServerSocketChannel#accept()} does
         */
        SocketChannel accept(ServerSocketChannel listener) throws IOException;
    }

    private Acceptor acceptor = ServerSocketChannel::accept;
    private BooleanSupplier descriptorsLeft = TcpServer::canOpenDescriptors;

    private final Set<SelectorSocketTransport> clients = new LinkedHashSet<>();
    private List<ServerSocketChannel> sockets;
    private List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;
    private boolean serving;

    TcpServer(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory, List<ServerSocketChannel> sockets,
              List<UnixPath> unixPaths, ServerOptions options) {
        this.loop = loop;
        this.factory = factory;
        this.sockets = new ArrayList<>(sockets);
        this.unixPaths = unixPaths;
        this.options = options;
        OpenResources.serverOpened();
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    @Override
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : List.copyOf(sockets);
    }

    @Override
    public boolean isServing() {
        return serving;
    }

    @Override
    public void startServing() {
        if (serving) {
            return;
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        serving = true;
        for (ServerSocketChannel s : sockets) {
            loop.addReader(s, () -> acceptReady(s));
        }
    }

    /** asyncio's {@code _accept_connection}: accept up to {@code backlog} connections per wake-up. */
    private void acceptReady(ServerSocketChannel s) {
        for (int i = 0; i < Math.max(1, options.backlog()); i++) {
            SocketChannel conn;
            try {
                conn = acceptor.accept(s);
            } catch (IOException e) {
                onAcceptError(s, e);
                return;
            }
            if (conn == null) {
                return;
            }
            accepted(conn);
        }
    }

    /** Test seam: replaces how connections are accepted (e.g. to inject EMFILE). Loop thread. */
    void setAcceptor(Acceptor a) {
        acceptor = a;
    }

    /** Test seam: replaces the check for free file descriptors (see {@link #isOutOfResources}). Loop thread. */
    void setDescriptorProbe(BooleanSupplier probe) {
        descriptorsLeft = probe;
    }

    /**
     * asyncio backs off on EMFILE, ENFILE, ENOBUFS and ENOMEM. The JDK gives only the message, in
     * the C library's language: the English texts are matched, and any other error counts as
     * EMFILE/ENFILE when the process cannot open a descriptor right now.
     */
    private boolean isOutOfResources(IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("Too many open files") || msg.contains("No buffer space") || msg.contains("Cannot allocate memory")) {
            return true;
        }
        return !descriptorsLeft.getAsBoolean();
    }

    /** {@return whether a pipe (two descriptors) can be opened now} Closed at once. */
    private static boolean canOpenDescriptors() {
        try {
            Pipe p = Pipe.open();
            try (Pipe.SourceChannel source = p.source(); Pipe.SinkChannel sink = p.sink()) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    private void onAcceptError(ServerSocketChannel s, IOException e) {
        boolean outOfResources = isOutOfResources(e);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", outOfResources ? "socket.accept() out of system resource" : "Error accepting a connection");
        ctx.put("exception", e);
        ctx.put("socket", s);
        loop.callExceptionHandler(ctx);
        if (outOfResources && sockets != null) {
            // Stop accepting for a while rather than spinning on a socket that stays readable.
            loop.removeReader(s);
            loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                if (serving && sockets != null && sockets.contains(s)) {
                    loop.addReader(s, () -> acceptReady(s));
                }
            });
        }
    }

    private void accepted(SocketChannel conn) {
        BaseProtocol<Transport> protocol = null;
        try {
            conn.configureBlocking(false);
            protocol = factory.get();
            BaseProtocol<Transport> raw = protocol;
            if (options.ssl() != null) {
                Future<Transport> ready = loop.createFuture();
                raw = TcpSupport.tlsWrap(loop, protocol, options.ssl(), true, null, options.sslHandshakeTimeout(),
                        options.sslShutdownTimeout(), ready);
                // The TLS protocol reports and closes on a failed handshake; retrieve it here.
                ready.addDoneCallback(f -> {
                    if (!f.cancelled()) {
                        f.exception();
                    }
                });
            }
            new SelectorSocketTransport(loop, conn, raw, null, this);
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            try {
                conn.close();
            } catch (IOException ignored) {
                // The connection is dropped either way.
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Error on transport creation for incoming connection");
            ctx.put("exception", e);
            if (protocol != null) {
                ctx.put("protocol", protocol);
            }
            loop.callExceptionHandler(ctx);
        }
    }

    void attach(SelectorSocketTransport transport) {
        clients.add(transport);
    }

    void detach(SelectorSocketTransport transport) {
        clients.remove(transport);
        if (clients.isEmpty() && sockets == null) {
            wakeup();
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws != null) {
            for (Future<Void> w : ws) {
                if (!w.done()) {
                    w.setResult(null);
                }
            }
        }
    }

    @Override
    public void serveForever() {
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        startServing();
        servingForever = loop.createFuture();
        try {
            servingForever.await();
        } catch (CancelledError e) {
            // asyncio: close, wait for the connections to go, then re-raise the cancellation.
            try {
                close();
                waitClosed();
            } catch (Throwable during) {
                if (during != e) {
                    e.addSuppressed(during);
                }
            }
            throw e;
        } finally {
            servingForever = null;
        }
    }

    @Override
    public void close() {
        List<ServerSocketChannel> socks = sockets;
        if (socks == null) {
            return;
        }
        sockets = null;
        OpenResources.serverClosed();
        for (ServerSocketChannel s : socks) {
            loop.removeReader(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // The listening socket is gone either way.
            }
        }
        for (UnixPath p : unixPaths) {
            try {
                // asyncio 3.13 removes the socket file only if it is still the one it created.
                Object key = Files.readAttributes(p.path(), java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
                if (key != null && key.equals(p.fileKey())) {
                    Files.delete(p.path());
                }
            } catch (IOException ignored) {
                // Gone already, or not ours to delete: asyncio's cleanup is best effort too.
            }
        }
        serving = false;
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
        }
        if (clients.isEmpty()) {
            wakeup();
        }
    }

    @Override
    public void closeClients() {
        for (SelectorSocketTransport t : List.copyOf(clients)) {
            t.close();
        }
    }

    @Override
    public void abortClients() {
        for (SelectorSocketTransport t : List.copyOf(clients)) {
            t.abort();
        }
    }

    @Override
    public void waitClosed() {
        if (waiters == null) {
            return;
        }
        Future<Void> w = loop.createFuture();
        waiters.add(w);
        w.await();
    }

    @Override
    public String toString() {
        return "Server[sockets=" + sockets() + "]";
    }
}
