package io.asyncio4j.internal.net;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.Future;
import io.asyncio4j.internal.StaggeredRace;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * TCP and Unix-socket connections and servers over the loop's selector: asyncio's
 * {@code create_connection}, {@code connect_accepted_socket} and {@code create_server}
 * ({@code base_events} + {@code selector_events}).
 *
 * <p>Connection errors are thrown as the {@link IOException} subclasses the JDK uses
 * ({@link java.net.ConnectException}, {@link java.net.UnknownHostException},
 * {@link BindException}), undeclared, the way an {@code await} re-raises.
 */
public final class TcpSupport {
    private TcpSupport() {
    }

    /**
     * asyncio's {@code loop.create_connection} / {@code create_unix_connection}: resolves
     * {@code remote} off the loop's thread (unless it is a literal address), tries each address in
     * turn, then wraps the connected channel in a transport. Suspends the current task.
     *
     * @param loop the loop
     * @param factory makes the protocol
     * @param remote an unresolved or resolved {@link InetSocketAddress}, or a {@link UnixDomainSocketAddress}
     * @param host the host name (for TLS's SNI), or {@code null}
     * @param options TLS, local address
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    public static <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            EventLoop loop, Supplier<P> factory, SocketAddress remote, String host, ConnectOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(remote, "address");
        ConnectOptions opts = options != null ? options : ConnectOptions.DEFAULT;
        if (opts.ssl() == null && opts.serverHostname() != null) {
            throw new IllegalArgumentException("serverHostname is only meaningful with ssl");
        }
        checkTlsTimeouts(opts.ssl(), opts.sslHandshakeTimeout(), opts.sslShutdownTimeout());
        SocketChannel ch = connect(loop, remote, opts);
        return makeTransport(loop, factory, ch, opts.ssl(), false,
                opts.serverHostname() != null ? opts.serverHostname() : host,
                opts.sslHandshakeTimeout(), opts.sslShutdownTimeout());
    }

    /**
     * asyncio's {@code loop.connect_accepted_socket}: wraps a connected channel (TLS on the
     * server side when {@code options.ssl()} is set). Suspends the current task until
     * {@code connectionMade} ran.
     *
     * @param loop the loop
     * @param factory makes the protocol
     * @param channel the connected channel
     * @param options TLS
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    public static <P extends BaseProtocol<Transport>> Connection<Transport, P> connectAcceptedSocket(
            EventLoop loop, Supplier<P> factory, SocketChannel channel, ConnectOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        Objects.requireNonNull(channel, "channel");
        if (!channel.isConnected()) {
            throw new IllegalArgumentException("A connected channel is expected, got " + channel);
        }
        ConnectOptions opts = options != null ? options : ConnectOptions.DEFAULT;
        checkTlsTimeouts(opts.ssl(), opts.sslHandshakeTimeout(), opts.sslShutdownTimeout());
        return makeTransport(loop, factory, channel, opts.ssl(), true, null,
                opts.sslHandshakeTimeout(), opts.sslShutdownTimeout());
    }

    /**
     * asyncio's {@code loop.create_server} / {@code create_unix_server}: binds and listens on
     * every address ({@code host} names resolve to all their addresses), with SO_REUSEADDR and
     * optionally SO_REUSEPORT, and starts accepting unless {@code options.startServing()} is false.
     * Suspends the current task only to resolve host names.
     *
     * @param loop the loop
     * @param factory makes a protocol per connection
     * @param addresses where to listen
     * @param options backlog, TLS, socket options
     * @return the server
     */
    public static Server createServer(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory,
                                      List<SocketAddress> addresses, ServerOptions options) {
        Objects.requireNonNull(factory, "protocolFactory");
        ServerOptions opts = options != null ? options : ServerOptions.DEFAULT;
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to listen on");
        }
        checkTlsTimeouts(opts.ssl(), opts.sslHandshakeTimeout(), opts.sslShutdownTimeout());
        List<ServerSocketChannel> sockets = new ArrayList<>();
        List<TcpServer.UnixPath> unixPaths = new ArrayList<>();
        try {
            for (SocketAddress a : addresses) {
                if (a instanceof UnixDomainSocketAddress u) {
                    removeStaleSocket(u.getPath());
                    sockets.add(bind(ServerSocketChannel.open(StandardProtocolFamily.UNIX), u, opts));
                    if (opts.cleanupSocket()) {
                        unixPaths.add(new TcpServer.UnixPath(u.getPath(), fileKey(u.getPath())));
                    }
                } else {
                    InetSocketAddress given = (InetSocketAddress) a;
                    // host == null arrives resolved: one dual-stack socket stands for asyncio's
                    // pair of 0.0.0.0 and :: sockets. An explicit "0.0.0.0" stays IPv4 only.
                    boolean everywhere = !given.isUnresolved() && given.getAddress().isAnyLocalAddress();
                    for (InetSocketAddress isa : Resolver.resolve(loop, given)) {
                        ServerSocketChannel s = everywhere
                                ? ServerSocketChannel.open() : ServerSocketChannel.open(Resolver.family(isa));
                        sockets.add(bind(s, isa, opts));
                    }
                }
            }
        } catch (Throwable e) {
            for (ServerSocketChannel s : sockets) {
                closeQuietly(s);
            }
            throw Sneaky.rethrow(e);
        }
        TcpServer server = new TcpServer(loop, factory, sockets, unixPaths, opts);
        if (opts.startServing()) {
            server.startServing();
        }
        return server;
    }

    /** asyncio's checks: TLS timeouts without TLS are a mistake, and must be positive. */
    private static void checkTlsTimeouts(SSLContext ssl, Double handshake, Double shutdown) {
        if (ssl == null) {
            if (handshake != null) {
                throw new IllegalArgumentException("sslHandshakeTimeout is only meaningful with ssl");
            }
            if (shutdown != null) {
                throw new IllegalArgumentException("sslShutdownTimeout is only meaningful with ssl");
            }
            return;
        }
        if (handshake != null && !(handshake > 0)) {
            throw new IllegalArgumentException("sslHandshakeTimeout should be a positive number, got " + handshake);
        }
        if (shutdown != null && !(shutdown > 0)) {
            throw new IllegalArgumentException("sslShutdownTimeout should be a positive number, got " + shutdown);
        }
    }

    private static ServerSocketChannel bind(ServerSocketChannel s, SocketAddress address, ServerOptions opts)
            throws IOException {
        try {
            if (!(address instanceof UnixDomainSocketAddress)) {
                if (opts.reuseAddress()) {
                    s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                }
                if (opts.reusePort()) {
                    if (!s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                        throw new IllegalArgumentException("reusePort is not supported on this platform");
                    }
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
            }
            s.configureBlocking(false);
            s.bind(address, Math.max(0, opts.backlog()));
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            BindException be = new BindException("error while attempting to bind on address " + address + ": "
                    + String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
            be.initCause(e);
            throw be;
        } catch (RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** asyncio's create_unix_server removes a stale socket file left by a previous server. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Object mode = Files.getAttribute(path, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & 0170000) == 0140000) {
                Files.delete(path);
            }
        }
    }

    private static SocketChannel connect(EventLoop loop, SocketAddress remote, ConnectOptions opts) {
        if (remote instanceof UnixDomainSocketAddress u) {
            SocketChannel ch = open(StandardProtocolFamily.UNIX);
            try {
                SockOps.connectAndWait(loop, ch, u);
                return ch;
            } catch (Throwable e) {
                closeQuietly(ch);
                throw Sneaky.rethrow(e);
            }
        }
        return connectAny(loop, Resolver.resolve(loop, (InetSocketAddress) remote), remote, opts);
    }

    /**
     * asyncio's address loop of {@code create_connection}: tries {@code targets} one after the
     * other, or staggered with happy eyeballs, and returns the first connected channel.
     *
     * @param remote what the caller asked for, for the error message
     */
    static SocketChannel connectAny(EventLoop loop, List<InetSocketAddress> targets, SocketAddress remote,
                                    ConnectOptions opts) {
        SocketAddress local = opts.localAddress();
        Integer interleave = opts.interleave();
        if (interleave == null && opts.happyEyeballsDelay() != null) {
            interleave = 1;
        }
        if (interleave != null) {
            targets = Resolver.interleave(targets, interleave);
        }
        List<IOException> errors = new ArrayList<>();
        SocketChannel connected = null;
        if (opts.happyEyeballsDelay() == null) {
            for (InetSocketAddress target : targets) {
                connected = tryConnect(loop, target, local, errors);
                if (connected != null) {
                    break;
                }
            }
        } else {
            List<Coroutine<SocketChannel>> attempts = new ArrayList<>();
            for (InetSocketAddress target : targets) {
                attempts.add(() -> {
                    SocketChannel ch = tryConnect(loop, target, local, errors);
                    if (ch == null) {
                        throw errors.get(errors.size() - 1);
                    }
                    return ch;
                });
            }
            connected = StaggeredRace.race(loop, attempts, opts.happyEyeballsDelay(), TcpSupport::closeQuietly)
                    .winnerResult();
        }
        if (connected != null) {
            return connected;
        }
        if (opts.allErrors()) {
            throw new ExceptionGroup("create_connection failed", errors);
        }
        throw Sneaky.rethrow(Resolver.combine(errors, remote));
    }

    /**
     * asyncio's {@code _connect_sock}: one attempt; an I/O error is recorded and {@code null}
     * returned, anything else (a cancellation) closes the channel and propagates.
     */
    private static SocketChannel tryConnect(EventLoop loop, InetSocketAddress target, SocketAddress local,
                                            List<IOException> errors) {
        SocketChannel ch = open(Resolver.family(target));
        try {
            if (local != null) {
                bindLocal(ch, local);
            }
            SockOps.connectAndWait(loop, ch, target);
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            errors.add(e);
            return null;
        } catch (Throwable e) {
            closeQuietly(ch);
            throw Sneaky.rethrow(e);
        }
    }

    /** asyncio's local_addr bind, with its error message naming the address. */
    private static void bindLocal(SocketChannel ch, SocketAddress local) throws IOException {
        try {
            ch.bind(local);
        } catch (IOException e) {
            BindException be = new BindException("error while attempting to bind on address " + local + ": "
                    + String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT));
            be.initCause(e);
            throw be;
        }
    }

    private static SocketChannel open(StandardProtocolFamily family) {
        try {
            SocketChannel ch = SocketChannel.open(family);
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    private static <P extends BaseProtocol<Transport>> Connection<Transport, P> makeTransport(
            EventLoop loop, Supplier<P> factory, SocketChannel ch, SSLContext ssl, boolean serverSide,
            String serverHostname, Double handshakeTimeout, Double shutdownTimeout) {
        SelectorSocketTransport transport = null;
        try {
            P protocol = Objects.requireNonNull(factory.get(), "the protocol factory returned null");
            Future<Void> waiter = loop.createFuture();
            Future<Transport> tlsReady = null;
            BaseProtocol<Transport> raw = protocol;
            if (ssl != null) {
                tlsReady = loop.createFuture();
                raw = tlsWrap(loop, protocol, ssl, serverSide, serverHostname, handshakeTimeout, shutdownTimeout,
                        tlsReady);
            }
            transport = new SelectorSocketTransport(loop, ch, raw, waiter, null);
            waiter.await();
            Transport t = tlsReady != null ? tlsReady.await() : transport;
            return new Connection<>(t, protocol);
        } catch (Throwable e) {
            if (transport != null) {
                transport.close();
            } else {
                closeQuietly(ch);
            }
            throw e instanceof CancelledError c ? c : Sneaky.rethrow(e);
        }
    }

    static BaseProtocol<Transport> tlsWrap(EventLoop loop, BaseProtocol<Transport> app, SSLContext ssl,
                                           boolean serverSide, String serverHostname, Double handshakeTimeout,
                                           Double shutdownTimeout, Future<Transport> ready) {
        TlsOptions tls = new TlsOptions(serverSide, serverSide ? null : serverHostname, handshakeTimeout,
                shutdownTimeout);
        return TlsSupport.wrap(loop, app, ssl, tls, ready);
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Cleaning up after an earlier error, which is the one worth reporting.
        }
    }
}
