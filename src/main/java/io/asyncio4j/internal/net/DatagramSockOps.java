package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.transports.Datagram;
import io.asyncio4j.transports.DatagramReceipt;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * asyncio's datagram socket coroutines of Python 3.11 ({@code sock_recvfrom},
 * {@code sock_recvfrom_into}, {@code sock_sendto}) on non-blocking {@link DatagramChannel}s. Each
 * tries the channel at once and waits for readiness only when it would block; cancelling the
 * waiting task removes the reader or writer and leaves the channel usable. I/O errors are the
 * JDK's {@link IOException}s, thrown undeclared.
 */
public final class DatagramSockOps {
    private DatagramSockOps() {
    }

    /**
     * asyncio's {@code sock_recvfrom(sock, bufsize)}: a longer datagram is truncated to
     * {@code bufsize} bytes, as {@code recvfrom} does.
     *
     * @return the datagram and its sender
     * @throws IllegalArgumentException if {@code bufsize} is negative or the channel is blocking
     */
    public static Datagram sockRecvfrom(EventLoop loop, DatagramChannel ch, int bufsize) {
        if (bufsize < 0) {
            throw new IllegalArgumentException("negative buffersize in recvfrom: " + bufsize);
        }
        ByteBuffer buf = ByteBuffer.allocate(bufsize);
        SocketAddress from = receive(loop, ch, buf);
        return new Datagram(buf.flip(), from);
    }

    /**
     * asyncio's {@code sock_recvfrom_into(sock, buf, nbytes)}: receives into {@code buffer}'s
     * remaining space, at most {@code nbytes} of it (0: all of it), advancing its position.
     *
     * @return how many bytes arrived and from whom
     * @throws IllegalArgumentException if {@code nbytes} is negative or more than the space left
     */
    public static DatagramReceipt sockRecvfromInto(EventLoop loop, DatagramChannel ch, ByteBuffer buffer, int nbytes) {
        Objects.requireNonNull(buffer, "buffer");
        if (nbytes < 0) {
            throw new IllegalArgumentException("negative buffersize in recvfrom_into: " + nbytes);
        }
        if (nbytes > buffer.remaining()) {
            throw new IllegalArgumentException("nbytes is greater than the length of the buffer: "
                    + nbytes + " > " + buffer.remaining());
        }
        ByteBuffer window = nbytes == 0 ? buffer.slice() : buffer.slice(buffer.position(), nbytes);
        SocketAddress from = receive(loop, ch, window);
        int n = window.position();
        buffer.position(buffer.position() + n);
        return new DatagramReceipt(n, from);
    }

    /**
     * asyncio's {@code sock_sendto(sock, data, address)}: sends {@code data}'s remaining bytes as
     * one datagram, waiting while the socket's send buffer is full.
     *
     * @return the number of bytes sent
     */
    public static int sockSendto(EventLoop loop, DatagramChannel ch, ByteBuffer data, SocketAddress address) {
        SockOps.checkNonBlocking(ch);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(address, "address");
        int want = data.remaining();
        try {
            while (true) {
                int n = ch.send(data, address);
                if (n > 0 || want == 0) {
                    return n;
                }
                SockOps.waitFor(loop, ch, false);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    private static SocketAddress receive(EventLoop loop, DatagramChannel ch, ByteBuffer into) {
        SockOps.checkNonBlocking(ch);
        try {
            while (true) {
                SocketAddress from = ch.receive(into);
                if (from != null) {
                    return from;
                }
                SockOps.waitFor(loop, ch, true);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }
}
