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
import java.util.Map;

/**
 * Netty echo server peer: one event-loop thread (as asyncio has one), accept and I/O on the same
 * loop, write on read and flush on read-complete (Netty's idiomatic echo).
 * Usage: {@code --port P [--transport nio|epoll]}; listens on 127.0.0.1 until killed.
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

    public static void main(String[] args) throws InterruptedException {
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
        try {
            ChannelFuture bound = new ServerBootstrap()
                    .group(group)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(echo);
                        }
                    })
                    .bind("127.0.0.1", port)
                    .sync();
            System.err.println("netty-" + (epoll ? "epoll" : "nio") + " echo server on 127.0.0.1:" + port);
            Runtime.getRuntime().addShutdownHook(new Thread(group::shutdownGracefully));
            bound.channel().closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
