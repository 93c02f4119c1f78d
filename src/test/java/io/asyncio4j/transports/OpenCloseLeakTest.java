package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopConfig;
import io.asyncio4j.internal.loop.BaseLoop;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.transports.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


import static org.junit.jupiter.api.Assertions.*;

/**
 * Open and close many connections, servers and loops: file descriptors, selector keys, threads
 * and the open-resource counters come back to where they started. The counts default to CI-sized
 * runs; {@code -Dasyncio4j.leaks.n=10000} gives the full figure (see the README).
 */
@Timeout(120)
@LoopConfig(checkLeaks = true)
class OpenCloseLeakTest {
    private static final int N = Integer.getInteger("asyncio4j.leaks.n", 1000);

    @Test
    void connectionsOpenedAndClosed() {
        int fdsBefore = fds();
        // Relative: the counters are process-wide, and earlier classes may have left some open.
        int transportsBefore = OpenResources.transports();
        int keys = Asyncio.run(() -> {
            BaseLoop loop = (BaseLoop) Asyncio.getRunningLoop();
            int keysBefore = loop.selectorKeys();
            try (Server srv = Asyncio.startServer((r, w) -> {
                byte[] line = r.readline();
                w.write(line);
                w.close();
            }, "127.0.0.1", 0)) {
                int port = ((java.net.InetSocketAddress) srv.sockets().get(0).getLocalAddress()).getPort();
                for (int i = 0; i < N; i++) {
                    StreamPair c = Asyncio.openConnection("127.0.0.1", port);
                    c.writer().write("ping " + i + "\n");
                    assertEquals("ping " + i + "\n", new String(c.reader().readline()));
                    c.writer().close();
                    c.writer().waitClosed();
                }
                // The server's side of the last connection closes on its own schedule.
                for (int i = 0; i < 10_000 && OpenResources.transports() > transportsBefore; i++) {
                    Asyncio.sleep(0.001);
                }
            }
            Asyncio.sleep(0); // one select flushes the cancelled keys
            Asyncio.sleep(0);
            return loop.selectorKeys() - keysBefore;
        });
        assertEquals(0, keys, "selector keys left registered");
        assertEquals(transportsBefore, OpenResources.transports(), "transports left open");
        assertTrue(fds() <= fdsBefore + 2, "fds grew from " + fdsBefore + " to " + fds());
    }

    @Test
    void serversOpenedAndClosed() {
        int serversBefore = OpenResources.servers();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            for (int i = 0; i < N; i++) {
                Server s = loop.createServer(() -> new io.asyncio4j.transports.Protocol() { }, "127.0.0.1", 0);
                s.close();
                s.waitClosed();
            }
            return null;
        });
        assertEquals(serversBefore, OpenResources.servers());
    }

    @Test
    void loopsOpenedAndClosed() {
        int loopsBefore = OpenResources.loops();
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < N; i++) {
            try (EventLoop loop = Asyncio.newEventLoop()) {
                Future<Integer> f = loop.createFuture();
                loop.callSoon(() -> f.setResult(1));
                assertEquals(1, loop.runUntilComplete(f));
                // A task left pending is unwound by close(), its strand ends.
                loop.createTask(() -> {
                    Asyncio.sleep(3600);
                    return null;
                });
                loop.runUntilComplete(loop.createTask(() -> {
                    Asyncio.sleep(0);
                    return null;
                }));
            }
        }
        assertEquals(loopsBefore, OpenResources.loops());
        assertTrue(Thread.activeCount() <= threadsBefore + 2, "platform threads grew");
    }

    private static int fds() {
        return io.asyncio4j.test.LeakCheck.openFds();
    }
}
