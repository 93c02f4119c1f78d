package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * loop.sockSendfile: ports test_sendfile.py SockSendfileMixin and the argument checks of
 * test_base_events.py BaseLoopSockSendfileTests, over real loopback sockets. The sender's buffer
 * is small (4 KiB, CPython's BUF_SIZE) so that the send has to wait for the reader; the reader's
 * is left alone (a 4 KiB receive window makes loopback crawl on delayed ACKs).
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class SockSendfileTest {
    private static final byte[] DATA = new byte[1024 * 17 * 64 + 1];
    private static final int BUF_SIZE = 4 * 1024;

    static {
        Arrays.fill(DATA, (byte) 'x');
    }

    /** A connected pair: the sending socket and a task reading everything the peer gets until EOF. */
    private record Pair(SocketChannel sock, Task<byte[]> received, ServerSocketChannel listener) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            sock.close();
            listener.close();
        }
    }

    private static Pair connect(EventLoop loop, boolean reading) throws Exception {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        SocketChannel sock = SocketChannel.open();
        sock.setOption(StandardSocketOptions.SO_SNDBUF, BUF_SIZE);
        sock.configureBlocking(false);
        Task<SocketChannel> accept = Asyncio.createTask(() -> loop.sockAccept(listener));
        loop.sockConnect(sock, listener.getLocalAddress());
        SocketChannel peer = accept.await();
        Task<byte[]> received = Asyncio.createTask(() -> {
            try (peer) {
                if (!reading) {
                    Asyncio.sleep(Double.POSITIVE_INFINITY);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (true) {
                    ByteBuffer b = loop.sockRecv(peer, 65536);
                    if (!b.hasRemaining()) {
                        return out.toByteArray();
                    }
                    out.write(b.array(), 0, b.limit());
                }
            }
        });
        return new Pair(sock, received, listener);
    }

    private static FileChannel fileWith(byte[] content) throws Exception {
        Path p = Files.createTempFile("asyncio4j-sendfile", ".bin");
        Files.write(p, content);
        p.toFile().deleteOnExit();
        return FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** Ports test_sendfile.py SockSendfileMixin.test_sock_sendfile_success. */
    @Test
    void sockSendfileSuccess() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = fileWith(DATA); Pair p = connect(loop, true)) {
                assertEquals(DATA.length, loop.sockSendfile(p.sock(), file));
                p.sock().shutdownOutput();
                assertArrayEquals(DATA, p.received().await());
                assertEquals(DATA.length, file.position());
            }
            return null;
        });
    }

    /** Ports test_sendfile.py SockSendfileMixin.test_sock_sendfile_with_offset_and_count. */
    @Test
    void sockSendfileWithOffsetAndCount() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = fileWith(DATA); Pair p = connect(loop, true)) {
                assertEquals(2000, loop.sockSendfile(p.sock(), file, 1000, 2000L));
                p.sock().shutdownOutput();
                assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 3000), p.received().await());
                assertEquals(3000, file.position());
            }
            return null;
        });
    }

    /** Ports test_sendfile.py SockSendfileMixin.test_sock_sendfile_zero_size. */
    @Test
    void sockSendfileZeroSize() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel empty = fileWith(new byte[0]); Pair p = connect(loop, true)) {
                assertEquals(0, loop.sockSendfile(p.sock(), empty, 0, null));
                assertEquals(0, empty.position());
                p.sock().shutdownOutput();
                assertEquals(0, p.received().await().length);
            }
            return null;
        });
    }

    /** Ports test_sendfile.py SockSendfileMixin.test_sock_sendfile_mix_with_regular_send. */
    @Test
    void sockSendfileMixWithRegularSend() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            byte[] buf = "mix_regular_send".repeat(4 * 1024).getBytes();
            try (FileChannel file = fileWith(DATA); Pair p = connect(loop, true)) {
                loop.sockSendall(p.sock(), ByteBuffer.wrap(buf));
                assertEquals(DATA.length, loop.sockSendfile(p.sock(), file));
                loop.sockSendall(p.sock(), ByteBuffer.wrap(buf));
                p.sock().shutdownOutput();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.write(buf);
                expected.write(DATA);
                expected.write(buf);
                assertArrayEquals(expected.toByteArray(), p.received().await());
                assertEquals(DATA.length, file.position());
            }
            return null;
        });
    }

    /**
     * Ports test_base_events.py BaseLoopSockSendfileTests.test_negative_offset, test_negative_count
     * (and a zero count) and test_blocking_socket: refused before anything is sent.
     */
    @Test
    void badArgumentsAreRefused() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = fileWith(DATA); Pair p = connect(loop, true); SocketChannel blocking = SocketChannel.open()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(p.sock(), file, -1, null));
                assertEquals("offset must be a non-negative integer (got -1)", e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(p.sock(), file, 0, -1L));
                assertEquals("count must be a positive integer (got -1)", e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(p.sock(), file, 0, 0L));
                e = assertThrows(IllegalArgumentException.class, () -> loop.sockSendfile(blocking, file));
                assertTrue(e.getMessage().contains("non-blocking"), e.getMessage());
                assertEquals(0, file.position());
                p.sock().shutdownOutput();
                assertEquals(0, p.received().await().length);
            }
            return null;
        });
    }

    /**
     * Cancelling a send that waits for a reader that does not read: CancelledError, no writer
     * left behind, and the file's position just past what was sent (as asyncio's finally does).
     */
    @Test
    void cancellingAWaitingSendfileKeepsThePosition() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = fileWith(DATA); Pair p = connect(loop, false)) {
                Task<Long> send = Asyncio.createTask(() -> loop.sockSendfile(p.sock(), file));
                // One step sends what the socket buffers take (far less than DATA), then waits.
                Asyncio.sleep(0);
                Asyncio.sleep(0);
                assertFalse(send.done());
                assertTrue(send.cancel());
                assertThrows(CancelledError.class, send::await);
                assertFalse(loop.removeWriter(p.sock()), "the cancelled send left no writer");
                long pos = file.position();
                assertTrue(pos > 0 && pos < DATA.length, "position " + pos);
                p.received().cancel();
            }
            return null;
        });
    }
}
