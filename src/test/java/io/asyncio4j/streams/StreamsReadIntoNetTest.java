package io.asyncio4j.streams;

import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** Runs {@link #echoInto} as a server and {@link #roundTrip} against it, then closes both. */
    private static void echo(boolean direct, ServerOptions serverOptions, ConnectOptions connectOptions, boolean halfClose) {
        run(() -> {
            Server server = startServer(echoInto(direct), "127.0.0.1", 0, serverOptions);
            StreamPair c = openConnection("127.0.0.1", port(server), connectOptions);
            roundTrip(c, payload(), halfClose);
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    /** Plain TCP, the server's buffer direct or on the heap (then the JDK copies once, as for any heap read). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void echoOverTcp(boolean direct) {
        echo(direct, ServerOptions.DEFAULT, ConnectOptions.DEFAULT, true);
    }

    /**
     * Over TLS the plaintext is copied once into the waiting buffer (no socket to read into); TLS
     * cannot half-close (asyncio: {@code can_write_eof()} is False).
     */
    @Test
    void echoOverTls() {
        echo(true, ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()),
                ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost"), false);
    }
}
