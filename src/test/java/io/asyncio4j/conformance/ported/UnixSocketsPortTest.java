package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Ports of CPython 3.13 {@code test_events.py} Unix-socket cases (EventLoopTestsMixin). */
@ExtendWith(LoopExtension.class)
class UnixSocketsPortTest {
    /** test_events.py's MyProto: records its state and the bytes it received. */
    static final class MyProto implements Protocol {
        final Future<Void> connected;
        final Future<Void> done;
        final Future<Void> firstData;
        Transport transport;
        String state = "INITIAL";
        int nbytes;

        MyProto(EventLoop loop) {
            connected = loop.createFuture();
            done = loop.createFuture();
            firstData = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
            state = "CONNECTED";
            connected.setResult(null);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            nbytes += data.remaining();
            data.position(data.limit());
            if (!firstData.done()) {
                firstData.setResult(null);
            }
        }

        @Override
        public void connectionLost(Throwable exc) {
            state = "CLOSED";
            done.setResult(null);
        }
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_create_unix_server: a client's bytes reach the
     * server's protocol, and closing the transport ends the connection.
     */
    @Test
    void unixServerReceivesAClientsBytes(EventLoop loop, @TempDir Path dir) throws Exception {
        Path path = dir.resolve("sock");
        MyProto proto = new MyProto(loop);
        Server server = loop.runUntilComplete(() -> loop.createUnixServer(() -> proto, path, ServerOptions.DEFAULT));
        assertEquals(1, server.sockets().size());
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(path));
            client.write(ByteBuffer.wrap("xxx".getBytes(StandardCharsets.US_ASCII)));
            loop.runUntilComplete(proto.connected);
            assertEquals("CONNECTED", proto.state);
            loop.runUntilComplete(proto.firstData);
            assertEquals(3, proto.nbytes);
            proto.transport.close();
            loop.runUntilComplete(proto.done);
            assertEquals("CLOSED", proto.state);
        } finally {
            server.close();
            loop.runUntilComplete(() -> {
                server.waitClosed();
                return null;
            });
        }
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_create_unix_connection: the client transport
     * knows its socket name, receives the server's bytes and sees the connection end.
     */
    @Test
    void unixConnectionReceivesTheServersBytes(EventLoop loop, @TempDir Path dir) {
        Path path = dir.resolve("sock");
        Server server = loop.runUntilComplete(() -> loop.createUnixServer(() -> new Protocol() {
            @Override
            public void connectionMade(Transport transport) {
                transport.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                transport.close();
            }
        }, path, ServerOptions.DEFAULT));
        try {
            Connection<Transport, MyProto> conn = loop.runUntilComplete(
                    () -> loop.createUnixConnection(() -> new MyProto(loop), path, ConnectOptions.DEFAULT));
            assertSame(conn.transport(), conn.protocol().transport);
            assertNotNull(conn.transport().getExtraInfo("sockname"));
            loop.runUntilComplete(conn.protocol().done);
            assertEquals(19, conn.protocol().nbytes);
            conn.transport().close();
        } finally {
            server.close();
            loop.runUntilComplete(() -> {
                server.waitClosed();
                return null;
            });
        }
    }
}
