package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Thousands of connections opened and closed leave no file descriptor, selector registration,
 * selection key or task behind.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class ManyConnectionsTest {
    private static final int CONNECTIONS = 5000;
    private static final int BATCH = 100;

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private static void oneRound(EventLoop loop, int port, int count) {
        for (int done = 0; done < count; done += BATCH) {
            List<Task<Void>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(BATCH, count - done); i++) {
                int n = i;
                batch.add(Asyncio.createTask(() -> {
                    Connection<Transport, RecordingProtocol> c =
                            loop.createConnection(RecordingProtocol::new, "127.0.0.1", port);
                    c.transport().write(new byte[] {(byte) n});
                    c.protocol().awaitBytes(1);
                    assertEquals((byte) n, c.protocol().received.toByteArray()[0]);
                    // Half of them close, half abort: both paths must release everything.
                    if (n % 2 == 0) {
                        c.transport().close();
                    } else {
                        c.transport().abort();
                    }
                    c.protocol().lost.await();
                    return null;
                }));
            }
            Asyncio.gather(batch).await();
        }
    }

    @Test
    void fiveThousandConnectionsLeaveNothingBehind() {
        assumeTrue(openFds() > 0, "needs /proc/self/fd to count file descriptors");
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            int[] accepted = {0};
            Server srv = loop.createServer(() -> new EchoProtocol() {
                @Override
                public void connectionMade(Transport transport) {
                    super.connectionMade(transport);
                    accepted[0]++;
                }
            }, "127.0.0.1", 0);
            int port = port(srv);
            oneRound(loop, port, BATCH); // warm up: classes loaded, buffers allocated
            int before = openFds();
            oneRound(loop, port, CONNECTIONS);
            assertEquals(CONNECTIONS + BATCH, accepted[0]);
            srv.close();
            srv.closeClients();
            srv.waitClosed();
            NetTesting.assertNoIoLeft(loop);
            Set<Task<?>> tasks = Asyncio.allTasks(loop);
            assertEquals(Set.of(Asyncio.currentTask()), tasks, "no task left but this one");
            int after = openFds();
            // the server's listening socket was open in "before" and is closed now
            assertTrue(after <= before - 1, "file descriptors: before " + before + ", after " + after);
            return null;
        });
    }
}
