package io.asyncio4j;

import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A peer resets (SO_LINGER 0) a TLS connection, and only then the server writes a large
 * message: the first raw write fails, and the TLS layer must not go on writing record after record
 * to the failed transport, each one logging "socket.send() raised exception." CPython logs nothing
 * here (its SSL protocol hands the transport one write per application write, and the transport
 * warns only after LOG_THRESHOLD_FOR_CONNLOST_WRITES writes on a lost connection).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsWriteAfterResetTest {
    private static final int BIG = 8 << 20;

    /** Holds the server side of the one connection and tells the test what happens to it. */
    private static final class Holder implements Protocol {
        final Future<Transport> gotData;
        final Future<Throwable> lost;
        Transport transport;

        Holder(Future<Transport> gotData, Future<Throwable> lost) {
            this.gotData = gotData;
            this.lost = lost;
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            data.position(data.limit());
            // Stop reading, so only the write below can find out about the reset.
            transport.pauseReading();
            if (!gotData.done()) {
                gotData.setResult(transport);
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }
    }

    @Test
    void largeWriteAfterPeerResetLogsNothing() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            Throwable lostWith = Asyncio.run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                Future<Transport> gotData = loop.createFuture();
                Future<Throwable> lost = loop.createFuture();
                try (Server srv = loop.createServer(() -> new Holder(gotData, lost), "127.0.0.1", 0,
                        ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()))) {
                    int port = ((InetSocketAddress) srv.sockets().get(0).getLocalAddress()).getPort();
                    CompletableFuture<Void> resetNow = new CompletableFuture<>();
                    CompletableFuture<Void> reset = new CompletableFuture<>();
                    Thread client = new Thread(() -> {
                        try (SSLSocket s = (SSLSocket) TestCerts.clientContext().getSocketFactory()
                                .createSocket(InetAddress.getLoopbackAddress(), port)) {
                            s.startHandshake();
                            s.getOutputStream().write("go".getBytes());
                            s.getOutputStream().flush();
                            resetNow.join();
                            s.setSoLinger(true, 0);
                            s.close();
                            reset.complete(null);
                        } catch (Throwable e) {
                            reset.completeExceptionally(e);
                        }
                    }, "resetting-peer");
                    client.start();
                    Transport t = Asyncio.waitFor(gotData, 60.0);
                    resetNow.complete(null);
                    Asyncio.await(reset);
                    t.write(ByteBuffer.allocate(BIG));
                    t.write(ByteBuffer.allocate(BIG));
                    Throwable exc = Asyncio.waitFor(lost, 60.0);
                    client.join();
                    return exc;
                }
            });
            assertNotNull(lostWith, "the reset is reported to connectionLost");
            List<LogRecord> warnings = logs.atLeast(Level.WARNING).stream()
                    .filter(r -> r.getMessage() != null && (r.getMessage().startsWith("socket.send() raised exception.")
                            || r.getMessage().startsWith("TLS write()")))
                    .toList();
            assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList());
        }
    }
}
