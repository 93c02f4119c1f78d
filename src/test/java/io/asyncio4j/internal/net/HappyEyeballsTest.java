package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionGroup;
import io.asyncio4j.internal.loop.BaseLoop;
import io.asyncio4j.transports.ConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * create_connection's address loop with {@code happy_eyeballs_delay} and {@code interleave}
 * (base_events.py create_connection + staggered_race; RFC 8305), against real loopback sockets:
 * a listener whose accept queue is full stands for an address that does not answer (Linux drops
 * the SYN, so the connect hangs), a closed port for one that refuses.
 */
class HappyEyeballsTest {
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private InetSocketAddress listening(int backlog) throws Exception {
        ServerSocketChannel s = ServerSocketChannel.open();
        cleanup.add(s);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        return (InetSocketAddress) s.getLocalAddress();
    }

    /** An address whose connects hang: a backlog-1 listener with its accept queue filled up. */
    private InetSocketAddress silent() throws Exception {
        InetSocketAddress addr = listening(1);
        for (int i = 0; i < 2; i++) {
            SocketChannel filler = SocketChannel.open(addr);
            cleanup.add(filler);
        }
        return addr;
    }

    private InetSocketAddress refusing() throws Exception {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }

    private static <T> T run(io.asyncio4j.Coroutine<T> body) {
        return Asyncio.run(() -> Asyncio.timeout(30.0, body));
    }

    /**
     * The first address does not answer: after the delay the second is tried and wins; the
     * hanging attempt is cancelled and its socket closed (no selector key left).
     */
    @Test
    void silentFirstAddressLosesToTheSecond() throws Exception {
        InetSocketAddress silent = silent();
        InetSocketAddress good = listening(50);
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            SocketChannel ch = TcpSupport.connectAny(loop, List.of(silent, good), silent,
                    ConnectOptions.DEFAULT.withHappyEyeballsDelay(0.05));
            try {
                assertEquals(good, ch.getRemoteAddress());
            } finally {
                ch.close();
            }
            Asyncio.sleep(0);
            assertEquals(0, ((BaseLoop) loop).selectorKeys(), "the losing attempt's key is gone");
            return null;
        });
    }

    /**
     * A refusing first address starts the next attempt at once, long before the delay (the
     * 60 s delay is longer than the test's 30 s safety net).
     */
    @Test
    void failureStartsTheNextAttemptAtOnce() throws Exception {
        InetSocketAddress refusing = refusing();
        InetSocketAddress good = listening(50);
        run(() -> {
            SocketChannel ch = TcpSupport.connectAny(Asyncio.getRunningLoop(), List.of(refusing, good), refusing,
                    ConnectOptions.DEFAULT.withHappyEyeballsDelay(60));
            try {
                assertEquals(good, ch.getRemoteAddress());
            } finally {
                ch.close();
            }
            return null;
        });
    }

    /** Every address refuses: asyncio's combined error, or with all_errors an ExceptionGroup. */
    @Test
    void allRefusedGivesTheCombinedErrorOrAGroup() throws Exception {
        InetSocketAddress a = refusing();
        InetSocketAddress b = refusing();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ConnectOptions he = ConnectOptions.DEFAULT.withHappyEyeballsDelay(0.25);
            Exception one = assertThrows(Exception.class, () -> TcpSupport.connectAny(loop, List.of(a, b), a, he));
            assertInstanceOf(ConnectException.class, one);
            ExceptionGroup group = assertThrows(ExceptionGroup.class,
                    () -> TcpSupport.connectAny(loop, List.of(a, b), a, he.withAllErrors()));
            assertEquals(2, group.exceptions().size());
            group.exceptions().forEach(e -> assertInstanceOf(ConnectException.class, e));
            ExceptionGroup sequential = assertThrows(ExceptionGroup.class,
                    () -> TcpSupport.connectAny(loop, List.of(a, b), a, ConnectOptions.DEFAULT.withAllErrors()));
            assertEquals(2, sequential.exceptions().size());
            assertEquals(0, ((BaseLoop) loop).selectorKeys());
            return null;
        });
    }

    /** The public path: openConnection with happy eyeballs to a literal address. */
    @Test
    void openConnectionWithHappyEyeballs() throws Exception {
        InetSocketAddress good = listening(50);
        run(() -> {
            var pair = Asyncio.openConnection("127.0.0.1", good.getPort(),
                    ConnectOptions.DEFAULT.withHappyEyeballsDelay(0.25).withInterleave(2));
            assertEquals(good, pair.writer().getExtraInfo("peername"));
            pair.writer().close();
            pair.writer().waitClosed();
            return null;
        });
    }

    /** Bad option values fail at once with the value in the message. */
    @Test
    void badOptionsAreRejected() {
        var d = assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withHappyEyeballsDelay(-1));
        assertTrue(d.getMessage().contains("-1"), d.getMessage());
        var i = assertThrows(IllegalArgumentException.class, () -> ConnectOptions.DEFAULT.withInterleave(0));
        assertTrue(i.getMessage().contains("interleave"), i.getMessage());
    }
}
