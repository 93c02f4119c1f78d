package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * asyncio's low-level socket coroutines ({@code sock_connect}, {@code sock_recv}, ...) and name
 * resolution. STUB: implemented by the networking work (issue 3).
 */
public final class SockOps {
    private SockOps() {
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not implemented yet (issue 3)");
    }

    public static void sockConnect(EventLoop loop, SocketChannel ch, SocketAddress address) {
        throw notYet();
    }

    public static SocketChannel sockAccept(EventLoop loop, ServerSocketChannel ch) {
        throw notYet();
    }

    public static ByteBuffer sockRecv(EventLoop loop, SocketChannel ch, int n) {
        throw notYet();
    }

    public static int sockRecvInto(EventLoop loop, SocketChannel ch, ByteBuffer buffer) {
        throw notYet();
    }

    public static void sockSendall(EventLoop loop, SocketChannel ch, ByteBuffer data) {
        throw notYet();
    }

    public static List<InetSocketAddress> getaddrinfo(EventLoop loop, String host, int port) {
        throw notYet();
    }

    public static String getnameinfo(EventLoop loop, InetSocketAddress address) {
        throw notYet();
    }
}
