package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * asyncio's low-level socket coroutines ({@code sock_connect}, {@code sock_accept},
 * {@code sock_recv}, {@code sock_recv_into}, {@code sock_sendall}) on non-blocking NIO channels,
 * and name resolution on the loop's executor. Each operation tries the channel at once and only
 * waits for readiness (through {@code addReader}/{@code addWriter}) when it would block; each
 * suspends the current task. I/O errors are thrown undeclared, as the JDK's {@link IOException}s.
 *
 * <p>Differences from asyncio: the channel must already be non-blocking (asyncio checks this only
 * in debug mode); a blocking channel is refused with {@link IllegalArgumentException}.
 */
public final class SockOps {
    private SockOps() {
    }

    /**
     * asyncio's {@code sock_connect}.
     *
     * @param loop the loop
     * @param ch a non-blocking channel
     * @param address where to; an unresolved host name is resolved first
     * @throws ConnectException (undeclared) naming the address when the connection fails
     */
    public static void sockConnect(EventLoop loop, SocketChannel ch, SocketAddress address) {
        checkNonBlocking(ch);
        Objects.requireNonNull(address, "address");
        SocketAddress target = address;
        if (address instanceof InetSocketAddress isa && isa.isUnresolved()) {
            target = Resolver.resolve(loop, isa).get(0);
        }
        try {
            connectAndWait(loop, ch, target);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * Connects a non-blocking channel, suspending until the connection completes.
     *
     * @throws ConnectException naming {@code address} on failure (cause: the JDK's error)
     */
    static void connectAndWait(EventLoop loop, SocketChannel ch, SocketAddress address) throws IOException {
        try {
            if (ch.connect(address)) {
                return;
            }
            while (true) {
                waitFor(loop, ch, false);
                if (ch.finishConnect()) {
                    return;
                }
            }
        } catch (IOException e) {
            ConnectException ce = new ConnectException("Connect call failed " + address + ": " + e.getMessage());
            ce.initCause(e);
            throw ce;
        }
    }

    /**
     * asyncio's {@code sock_accept}.
     *
     * @return the accepted channel, non-blocking
     */
    public static SocketChannel sockAccept(EventLoop loop, ServerSocketChannel ch) {
        checkNonBlocking(ch);
        try {
            while (true) {
                SocketChannel conn = ch.accept();
                if (conn != null) {
                    conn.configureBlocking(false);
                    return conn;
                }
                waitFor(loop, ch, true);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * asyncio's {@code sock_recv}.
     *
     * @return a new buffer (flipped) with up to {@code n} bytes; empty at EOF
     */
    public static ByteBuffer sockRecv(EventLoop loop, SocketChannel ch, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        int got = sockRecvInto(loop, ch, buf);
        return buf.flip().limit(Math.max(0, got));
    }

    /**
     * asyncio's {@code sock_recv_into}.
     *
     * @return the bytes read into {@code buffer}'s remaining space; 0 at EOF
     */
    public static int sockRecvInto(EventLoop loop, SocketChannel ch, ByteBuffer buffer) {
        checkNonBlocking(ch);
        if (!buffer.hasRemaining()) {
            return 0;
        }
        try {
            while (true) {
                int n = ch.read(buffer);
                if (n < 0) {
                    return 0;
                }
                if (n > 0) {
                    return n;
                }
                waitFor(loop, ch, true);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    /** asyncio's {@code sock_sendall}: returns once every remaining byte of {@code data} was sent. */
    public static void sockSendall(EventLoop loop, SocketChannel ch, ByteBuffer data) {
        checkNonBlocking(ch);
        try {
            ch.write(data);
            while (data.hasRemaining()) {
                waitFor(loop, ch, false);
                ch.write(data);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * asyncio's {@code getaddrinfo}, on the loop's default executor.
     *
     * @return every address of {@code host}, in the resolver's order
     */
    public static List<InetSocketAddress> getaddrinfo(EventLoop loop, String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress[] all = loop.runInExecutor(null, () -> InetAddress.getAllByName(host)).await();
        List<InetSocketAddress> out = new ArrayList<>(all.length);
        for (InetAddress a : all) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    /**
     * asyncio's {@code getnameinfo}, on the loop's default executor.
     *
     * @return the host name of the address (its literal form when it has no name)
     */
    public static String getnameinfo(EventLoop loop, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            return address.getHostString();
        }
        InetAddress a = address.getAddress();
        // getCanonicalHostName does a fresh reverse lookup (getHostName may return a cached name).
        return loop.runInExecutor(null, a::getCanonicalHostName).await();
    }

    /** Suspends the current task until {@code ch} is readable (or acceptable) or writable (or connected). */
    static void waitFor(EventLoop loop, SelectableChannel ch, boolean read) {
        Future<Void> f = loop.createFuture();
        Runnable wake = () -> {
            if (!f.done()) {
                f.setResult(null);
            }
        };
        if (read) {
            loop.addReader(ch, wake);
        } else {
            loop.addWriter(ch, wake);
        }
        try {
            f.await();
        } finally {
            if (read) {
                loop.removeReader(ch);
            } else {
                loop.removeWriter(ch);
            }
        }
    }

    static void checkNonBlocking(SelectableChannel ch) {
        Objects.requireNonNull(ch, "channel");
        if (ch.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking: call configureBlocking(false) first");
        }
    }
}
