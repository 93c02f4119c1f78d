package io.asyncio4j.streams;

import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.Random;

import static io.asyncio4j.Asyncio.openConnection;
import static io.asyncio4j.Asyncio.startServer;
import static io.asyncio4j.streams.StreamsNetTest.port;
import static io.asyncio4j.streams.StreamsNetTest.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link StreamReader#readInto} over real sockets: an echo server that reuses one buffer per
 * connection (the socket is read straight into it), in the shape of test_streams.py's
 * test_start_server, over plain TCP and over TLS, with every byte checked.
 */
@Timeout(60)
class StreamsReadIntoNetTest {
    private static final int TOTAL = 1 << 20;

    /** Echoes with readInto into one buffer, writes it back and drains. */
    static ClientConnected echoInto(boolean direct) {
        return (reader, writer) -> {
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(8192) : ByteBuffer.allocate(8192);
            try {
                while (reader.readInto(buf.clear()) > 0) {
                    writer.write(buf.flip());
                    writer.drain();
                }
            } finally {
                writer.close();
            }
        };
    }

    private static byte[] payload() {
        byte[] data = new byte[TOTAL];
        new Random(42).nextBytes(data);
        return data;
    }

    /** Sends 1 MiB in uneven pieces and reads the echo back with readInto as well. */
    private static void roundTrip(StreamPair c, byte[] data, boolean halfClose) {
        ByteBuffer echoed = ByteBuffer.allocate(TOTAL);
        int sent = 0;
        int piece = 1;
        while (sent < TOTAL) {
            int n = Math.min(piece, TOTAL - sent);
            c.writer().write(ByteBuffer.wrap(data, sent, n));
            c.writer().drain();
            sent += n;
            piece = piece * 3 + 7; // 1, 10, 37, ... up to whole 100 KiB writes
            while (echoed.position() < sent) {
                assertTrue(c.reader().readInto(echoed) > 0, "echo ended early");
            }
        }
        if (halfClose) {
            c.writer().writeEof();
            assertEquals(0, c.reader().readInto(ByteBuffer.allocate(1)), "EOF after the echo");
        }
        assertArrayEquals(data, echoed.array());
    }

    @Test
    void echoOverTcpWithDirectBuffer() {
        run(() -> {
            Server server = startServer(echoInto(true), "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            roundTrip(c, payload(), true);
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void echoOverTcpWithHeapBuffer() {
        run(() -> {
            Server server = startServer(echoInto(false), "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            roundTrip(c, payload(), true);
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    /** Over TLS the plaintext is copied once into the waiting buffer (no socket to read into). */
    @Test
    void echoOverTls() {
        run(() -> {
            Server server = startServer(echoInto(true), "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()));
            StreamPair c = openConnection("127.0.0.1", port(server),
                    ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost"));
            roundTrip(c, payload(), false); // TLS cannot half-close (asyncio: can_write_eof() is False)
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }
}
