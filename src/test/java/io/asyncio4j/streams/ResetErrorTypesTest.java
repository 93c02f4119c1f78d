package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.BrokenPipeError;
import io.asyncio4j.ConnectionResetError;
import io.asyncio4j.Task;
import io.asyncio4j.internal.SocketErrors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import static io.asyncio4j.Asyncio.createTask;
import static io.asyncio4j.Asyncio.openConnection;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A reset has one type wherever it surfaces in streams, as asyncio's {@code ConnectionResetError}
 * (and EPIPE {@code BrokenPipeError}); both are {@link SocketException}s, so existing catches keep
 * working. The peer here resets for real: SO_LINGER 0, then close.
 */
class ResetErrorTypesTest {

    private static Socket resetLater(ServerSocket ss) throws IOException {
        Socket s = ss.accept();
        s.setSoLinger(true, 0);
        return s;
    }

    @Test
    void aResetOnReadIsAConnectionResetError() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Throwable e = Asyncio.run(() -> {
                Task<Socket> accepted = createTask(() -> Asyncio.toThread(() -> resetLater(ss)));
                StreamPair c = openConnection("127.0.0.1", ss.getLocalPort());
                accepted.await().close();                       // RST
                try {
                    c.reader().read(100);
                    return null;
                } catch (Exception err) {
                    return err;
                } finally {
                    c.writer().close();
                }
            });
            assertInstanceOf(ConnectionResetError.class, e);
            assertInstanceOf(SocketException.class, e);
        }
    }

    @Test
    void aResetOnWriteOrDrainIsAConnectionResetOrBrokenPipeError() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Throwable e = Asyncio.run(() -> {
                Task<Socket> accepted = createTask(() -> Asyncio.toThread(() -> resetLater(ss)));
                StreamPair c = openConnection("127.0.0.1", ss.getLocalPort());
                accepted.await().close();                       // RST
                byte[] chunk = new byte[64 * 1024];
                try {
                    while (true) {                              // ends when the reset surfaces
                        c.writer().write(chunk);
                        c.writer().drain();
                    }
                } catch (Exception err) {
                    return err;
                } finally {
                    c.writer().close();
                }
            });
            assertTrue(e instanceof ConnectionResetError || e instanceof BrokenPipeError, () -> "got " + e);
        }
    }

    @Test
    void theJdksWordingsMapToOneTypeEach() {
        assertInstanceOf(ConnectionResetError.class, SocketErrors.asAsyncioType(new SocketException("Connection reset")));
        assertInstanceOf(ConnectionResetError.class, SocketErrors.asAsyncioType(new IOException("Connection reset by peer")));
        IOException epipe = new IOException("Broken pipe");
        Throwable mapped = SocketErrors.asAsyncioType(epipe);
        assertInstanceOf(BrokenPipeError.class, mapped);
        assertSame(epipe, mapped.getCause());
        IOException other = new IOException("No route to host");
        assertSame(other, SocketErrors.asAsyncioType(other));
        assertNull(SocketErrors.asAsyncioType(null));
    }
}
