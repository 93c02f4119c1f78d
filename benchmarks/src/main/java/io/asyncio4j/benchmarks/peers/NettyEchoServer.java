package io.asyncio4j.benchmarks.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Netty echo server peer: one event-loop thread (as asyncio has one), accept and I/O on the same
 * loop, write on read and flush on read-complete (Netty's idiomatic echo).
 *
 * <p>With {@code --certfile C --keyfile K} (PEM) it is the tls suite's peer: an {@code SslHandler}
 * first in the pipeline, TLS 1.3 only, the one cipher suite given by {@code --cipher} (default
 * {@code TLS_AES_128_GCM_SHA256}), on the JDK's {@code SSLEngine} ({@code --tls-provider jdk}) or
 * on netty-tcnative's BoringSSL ({@code --tls-provider openssl}).
 *
 * <p>Usage: {@code --port P [--transport nio|epoll] [--certfile C --keyfile K [--tls-provider jdk|openssl] [--cipher S]]};
 * listens on 127.0.0.1 until killed.
 */
public final class NettyEchoServer {
    private NettyEchoServer() {}

    /** Echoes every buffer; one flush per batch of reads. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static void main(String[] args) throws InterruptedException, SSLException {
        Map<String, String> o = Out.options(args);
        int port = Out.intOption(o, "port", 25000);
        boolean epoll = "epoll".equals(o.getOrDefault("transport", "nio"));
        if (epoll && !Epoll.isAvailable()) {
            throw new IllegalStateException("Netty epoll transport unavailable", Epoll.unavailabilityCause());
        }
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, handlers);
        EchoHandler echo = new EchoHandler();
        SslContext tls = o.containsKey("certfile") ? tlsContext(o) : null;
        try {
            ChannelFuture bound = new ServerBootstrap()
                    .group(group)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            ch.pipeline().addLast(echo);
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync();
            System.err.println("netty-" + (epoll ? "epoll" : "nio") + (tls == null ? "" : " TLS (" + o.get("tls-provider") + ")")
                    + " echo server on 127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(group::shutdownGracefully));
            bound.channel().closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    private static SslContext tlsContext(Map<String, String> o) throws SSLException {
        String provider = o.getOrDefault("tls-provider", "jdk");
        SslProvider p = switch (provider) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> SslProvider.OPENSSL;
            default -> throw new IllegalArgumentException("--tls-provider jdk|openssl, got " + provider);
        };
        if (p == SslProvider.OPENSSL && !io.netty.handler.ssl.OpenSsl.isAvailable()) {
            throw new IllegalStateException("netty-tcnative unavailable", io.netty.handler.ssl.OpenSsl.unavailabilityCause());
        }
        return SslContextBuilder.forServer(new File(o.get("certfile")), new File(o.get("keyfile")))
                .sslProvider(p)
                .protocols("TLSv1.3")
                .ciphers(List.of(o.getOrDefault("cipher", "TLS_AES_128_GCM_SHA256")))
                .build();
    }
}
