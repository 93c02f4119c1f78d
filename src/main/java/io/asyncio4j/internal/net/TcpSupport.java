package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.function.Supplier;

/**
 * TCP and Unix-socket connections and servers over the loop's selector (asyncio's
 * {@code selector_events}). STUB: implemented by the networking work (issue 3).
 */
public final class TcpSupport {
    private TcpSupport() {
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not implemented yet (issue 3)");
    }

    public static <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            EventLoop loop, Supplier<P> factory, SocketAddress remote, String host, ConnectOptions options) {
        throw notYet();
    }

    public static <P extends BaseProtocol<Transport>> Connection<Transport, P> connectAcceptedSocket(
            EventLoop loop, Supplier<P> factory, SocketChannel channel, ConnectOptions options) {
        throw notYet();
    }

    public static Server createServer(EventLoop loop, Supplier<? extends BaseProtocol<Transport>> factory,
                                      java.util.List<SocketAddress> addresses, ServerOptions options) {
        throw notYet();
    }
}
