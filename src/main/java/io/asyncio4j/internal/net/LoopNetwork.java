package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;
import io.asyncio4j.transports.ReadPipeProtocol;
import io.asyncio4j.transports.ReadTransport;
import io.asyncio4j.transports.WriteTransport;
import io.asyncio4j.internal.proc.ReadPipeTransport;
import io.asyncio4j.internal.proc.WritePipeTransport;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The network part of one event loop: the bodies of its connection, server, datagram, TLS and
 * low-level socket methods (asyncio's {@code BaseSelectorEventLoop} network half), and the
 * loop's receive buffer.
 *
 * <p>One receive buffer per loop is shared by all its stream transports: only one callback runs
 * at a time on a loop, so a read and its {@code dataReceived} call never overlap. asyncio reads
 * up to {@code max_size} (256 KiB) per readiness event; so do we.
 */
public final class LoopNetwork {
    /** asyncio's {@code _SelectorSocketTransport.max_size}. */
    public static final int READ_BUFFER_SIZE = 256 * 1024;

    private final EventLoop loop;
    private ByteBuffer readBuffer;

    /**
     * The network part of {@code loop}.
     *
     * @param loop the loop that owns it
     */
    public LoopNetwork(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * {@return the loop's receive buffer} Direct, so the channel reads into it without the JDK's
     * intermediate copy; allocated on first use.
     */
    public synchronized ByteBuffer readBuffer() {
        if (readBuffer == null) {
            readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
        }
        return readBuffer;
    }

    /** The body of {@code EventLoop.createConnection}: asyncio's {@code loop.create_connection}. */
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> createConnection(
            Supplier<P> protocolFactory, String host, int port, ConnectOptions options) {
        if (options != null && options.ssl() != null && options.serverHostname() == null
                && (host == null || host.isEmpty())) {
            throw new IllegalArgumentException("You must set serverHostname when using ssl without a host");
        }
        return TcpSupport.createConnection(loop, protocolFactory, InetSocketAddress.createUnresolved(host, port), host, options);
    }

    /** The body of {@code EventLoop.connectAcceptedSocket}: asyncio's {@code loop.connect_accepted_socket}. */
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> connectAcceptedSocket(
            Supplier<P> protocolFactory, SocketChannel channel, ConnectOptions options) {
        return TcpSupport.connectAcceptedSocket(loop, protocolFactory, channel, options);
    }

    /** The body of {@code EventLoop.createUnixConnection}: asyncio's {@code loop.create_unix_connection}. */
    public <P extends BaseProtocol<Transport>> Connection<Transport, P> createUnixConnection(
            Supplier<P> protocolFactory, Path path, ConnectOptions options) {
        if (options != null && options.ssl() != null && options.serverHostname() == null) {
            throw new IllegalArgumentException("you have to pass serverHostname when using ssl");
        }
        return TcpSupport.createConnection(loop, protocolFactory, UnixDomainSocketAddress.of(path), null, options);
    }

    /** The body of {@code EventLoop.createServer}: asyncio's {@code loop.create_server}. */
    public Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, String host,
            int port, ServerOptions options) {
        List<SocketAddress> addresses = host == null
                ? List.of(new InetSocketAddress(port))
                : List.of(InetSocketAddress.createUnresolved(host, port));
        return TcpSupport.createServer(loop, protocolFactory, addresses, options);
    }

    /** The body of {@code EventLoop.createServer}: asyncio's {@code loop.create_server}. */
    public Server createServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory,
            List<? extends SocketAddress> addresses, ServerOptions options) {
        return TcpSupport.createServer(loop, protocolFactory, List.copyOf(addresses), options);
    }

    /** The body of {@code EventLoop.createUnixServer}: asyncio's {@code loop.create_unix_server}. */
    public Server createUnixServer(Supplier<? extends BaseProtocol<Transport>> protocolFactory, Path path,
            ServerOptions options) {
        return TcpSupport.createServer(loop, protocolFactory, List.of(UnixDomainSocketAddress.of(path)), options);
    }

    /** The body of {@code EventLoop.createDatagramEndpoint}: asyncio's {@code loop.create_datagram_endpoint}. */
    public <P extends DatagramProtocol> Connection<DatagramTransport, P> createDatagramEndpoint(
            Supplier<P> protocolFactory, DatagramOptions options) {
        return DatagramSupport.createDatagramEndpoint(loop, protocolFactory, options);
    }

    /** The body of {@code EventLoop.sendfile}: asyncio's {@code loop.sendfile}. */
    public long sendfile(Transport transport, FileChannel file, long offset, Long count, boolean fallback) {
        return TransportSendfile.send(loop, transport, file, offset, count, fallback);
    }

    /** The body of {@code EventLoop.connectReadPipe}: asyncio's {@code loop.connect_read_pipe}. */
    public <P extends ReadPipeProtocol> Connection<ReadTransport, P> connectReadPipe(
            Supplier<P> protocolFactory, ReadableByteChannel pipe) {
        return ReadPipeTransport.connect(loop, protocolFactory, pipe);
    }

    /** The body of {@code EventLoop.connectWritePipe}: asyncio's {@code loop.connect_write_pipe}. */
    public <P extends BaseProtocol<WriteTransport>> Connection<WriteTransport, P> connectWritePipe(
            Supplier<P> protocolFactory, WritableByteChannel pipe) {
        return WritePipeTransport.connect(loop, protocolFactory, pipe);
    }

    /** The body of {@code EventLoop.startTls}: asyncio's {@code loop.start_tls}. */
    public Transport startTls(Transport transport, BaseProtocol<Transport> protocol, SSLContext context,
            TlsOptions options) {
        return TlsSupport.startTls(loop, transport, protocol, context, options);
    }

    /** The body of {@code EventLoop.sockConnect}: asyncio's {@code loop.sock_connect}. */
    public void sockConnect(SocketChannel channel, SocketAddress address) {
        SockOps.sockConnect(loop, channel, address);
    }

    /** The body of {@code EventLoop.sockAccept}: asyncio's {@code loop.sock_accept}. */
    public SocketChannel sockAccept(ServerSocketChannel channel) {
        return SockOps.sockAccept(loop, channel);
    }

    /** The body of {@code EventLoop.sockRecv}: asyncio's {@code loop.sock_recv}. */
    public ByteBuffer sockRecv(SocketChannel channel, int n) {
        return SockOps.sockRecv(loop, channel, n);
    }

    /** The body of {@code EventLoop.sockRecvInto}: asyncio's {@code loop.sock_recv_into}. */
    public int sockRecvInto(SocketChannel channel, ByteBuffer buffer) {
        return SockOps.sockRecvInto(loop, channel, buffer);
    }

    /** The body of {@code EventLoop.sockSendall}: asyncio's {@code loop.sock_sendall}. */
    public void sockSendall(SocketChannel channel, ByteBuffer data) {
        SockOps.sockSendall(loop, channel, data);
    }

    /** The body of {@code EventLoop.getaddrinfo}: asyncio's {@code loop.getaddrinfo}. */
    public List<InetSocketAddress> getaddrinfo(String host, int port) {
        return SockOps.getaddrinfo(loop, host, port);
    }

    /** The body of {@code EventLoop.getnameinfo}: asyncio's {@code loop.getnameinfo}. */
    public String getnameinfo(InetSocketAddress address) {
        return SockOps.getnameinfo(loop, address);
    }
}
