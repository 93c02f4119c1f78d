package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * asyncio 3.11's datagram coroutines on NIO channels: loop.sockRecvfrom, sockRecvfromInto,
 * sockSendto. Ports test_sock_lowlevel.py's datagram cases; the echo server is a task of the same
 * loop on a real loopback socket (CPython's run_udp_echo_server is a thread).
 * test_sendto_blocking is not ported: it mocks the socket's sendto.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class SockDatagramTest {

    private static DatagramChannel bound() throws java.io.IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress("127.0.0.1", 0));
        ch.configureBlocking(false);
        return ch;
    }

    /** Echoes {@code n} datagrams back to their senders, with the coroutines under test. */
    private static Task<Void> echo(EventLoop loop, DatagramChannel server, int n) {
        return Asyncio.createTask(() -> {
            for (int i = 0; i < n; i++) {
                Datagram d = loop.sockRecvfrom(server, 65536);
                loop.sockSendto(server, d.data(), d.address());
            }
            return null;
        });
    }

    private static byte[] ones(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 1);
        return b;
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_recvfrom. */
    @Test
    void recvfrom() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel server = bound(); DatagramChannel sock = bound()) {
                SocketAddress serverAddress = server.getLocalAddress();
                Task<Void> echo = echo(loop, server, 1);
                assertEquals(4096, loop.sockSendto(sock, ByteBuffer.wrap(ones(4096)), serverAddress));
                Datagram got = loop.sockRecvfrom(sock, 4096);
                assertArrayEquals(ones(4096), Arrays.copyOf(got.data().array(), got.data().limit()));
                assertEquals(0, got.data().position());
                assertEquals(serverAddress, got.address());
                echo.await();
            }
            return null;
        });
    }

    /** Ports test_sock_lowlevel.py BaseSockTestsMixin.test_recvfrom_into (whole buffer, then nbytes). */
    @Test
    void recvfromInto() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel server = bound(); DatagramChannel sock = bound()) {
                SocketAddress serverAddress = server.getLocalAddress();
                Task<Void> echo = echo(loop, server, 2);
                ByteBuffer buf = ByteBuffer.allocate(4096);
                loop.sockSendto(sock, ByteBuffer.wrap(ones(4096)), serverAddress);
                DatagramReceipt r = loop.sockRecvfromInto(sock, buf, 0);
                assertEquals(new DatagramReceipt(4096, serverAddress), r);
                assertArrayEquals(ones(4096), buf.array());
                assertEquals(4096, buf.position(), "the position advances past what arrived");

                ByteBuffer big = ByteBuffer.allocate(8192);
                loop.sockSendto(sock, ByteBuffer.wrap(ones(4096)), serverAddress);
                r = loop.sockRecvfromInto(sock, big, 4096);
                assertEquals(4096, r.nbytes());
                assertEquals(serverAddress, r.address());
                assertArrayEquals(ones(4096), Arrays.copyOf(big.array(), 4096));
                assertArrayEquals(new byte[4096], Arrays.copyOfRange(big.array(), 4096, 8192));
                echo.await();
            }
            return null;
        });
    }

    /** A datagram longer than bufsize or nbytes is truncated, as recvfrom does. */
    @Test
    void longDatagramsAreTruncated() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel a = bound(); DatagramChannel b = bound()) {
                loop.sockSendto(a, ByteBuffer.wrap(ones(100)), b.getLocalAddress());
                assertEquals(10, loop.sockRecvfrom(b, 10).data().remaining());
                loop.sockSendto(a, ByteBuffer.wrap(ones(100)), b.getLocalAddress());
                ByteBuffer buf = ByteBuffer.allocate(50);
                DatagramReceipt r = loop.sockRecvfromInto(b, buf, 20);
                assertEquals(20, r.nbytes());
                assertEquals(a.getLocalAddress(), r.address());
                assertEquals(20, buf.position());
            }
            return null;
        });
    }

    /**
     * Ports test_sock_lowlevel.py test_datagram_send_to_non_listening_address_recvfrom (and
     * _recvfrom_into): after sending to an address nobody listens on, the socket still receives.
     */
    @Test
    void sendToNonListeningAddressDoesNotBreakReceiving() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel s1 = bound(); DatagramChannel s2 = bound()) {
                SocketAddress addr1 = s1.getLocalAddress();
                SocketAddress addr2 = s2.getLocalAddress();
                SocketAddress addr3;
                try (DatagramChannel s3 = bound()) {
                    addr3 = s3.getLocalAddress();
                }
                Task<Datagram> r1 = Asyncio.createTask(() -> loop.sockRecvfrom(s1, 4096));
                Task<DatagramReceipt> r2 = Asyncio.createTask(() -> loop.sockRecvfromInto(s2, ByteBuffer.allocate(4096), 4096));
                Asyncio.sleep(0);
                loop.sockSendto(s1, ByteBuffer.wrap(new byte[] {'a'}), addr2);
                assertEquals(1, r2.await().nbytes());
                loop.sockSendto(s2, ByteBuffer.wrap(new byte[] {'b'}), addr1);
                assertEquals('b', r1.await().data().get(0));
                Task<Datagram> again = Asyncio.createTask(() -> loop.sockRecvfrom(s1, 4096));
                Asyncio.sleep(0);
                loop.sockSendto(s1, ByteBuffer.wrap(new byte[] {'c'}), addr3);
                loop.sockSendto(s2, ByteBuffer.wrap(new byte[] {'d'}), addr1);
                Datagram d = again.await();
                assertEquals('d', d.data().get(0));
                assertEquals(addr2, d.address());
            }
            return null;
        });
    }

    /** Cancelling a waiting sockRecvfrom leaves no reader behind and the channel usable. */
    @Test
    void cancellingAWaitingRecvfromLeavesTheChannelUsable() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel a = bound(); DatagramChannel b = bound()) {
                Task<Datagram> waiting = Asyncio.createTask(() -> loop.sockRecvfrom(b, 100));
                Asyncio.sleep(0);
                waiting.cancel();
                assertThrows(CancelledError.class, waiting::await);
                assertFalse(loop.removeReader(b), "the cancelled recvfrom left no reader");
                loop.sockSendto(a, ByteBuffer.wrap(new byte[] {42}), b.getLocalAddress());
                assertEquals(42, loop.sockRecvfrom(b, 100).data().get(0));
            }
            return null;
        });
    }

    /** Bad arguments and closed or blocking channels fail clearly, before any I/O. */
    @Test
    void badInputFailsClearly() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (DatagramChannel ch = bound(); DatagramChannel blocking = DatagramChannel.open()) {
                SocketAddress to = ch.getLocalAddress();
                assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(ch, -1));
                assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfromInto(ch, ByteBuffer.allocate(4), -1));
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> loop.sockRecvfromInto(ch, ByteBuffer.allocate(4), 5));
                assertTrue(e.getMessage().contains("nbytes is greater than the length of the buffer"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> loop.sockRecvfrom(blocking, 4));
                assertTrue(e.getMessage().contains("non-blocking"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> loop.sockSendto(blocking, ByteBuffer.allocate(1), to));
                assertThrows(NullPointerException.class, () -> loop.sockSendto(ch, ByteBuffer.allocate(1), null));
                DatagramChannel closed = bound();
                closed.close();
                Exception c = assertThrows(Exception.class, () -> loop.sockRecvfrom(closed, 4));
                assertInstanceOf(ClosedChannelException.class, c);
            }
            return null;
        });
    }
}
