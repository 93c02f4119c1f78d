package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.BaseTransport;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ports of CPython 3.13 {@code test_transports.py} and {@code test_events.py} server cases. */
@ExtendWith(LoopExtension.class)
class TransportsPortTest {
    /** A transport that only knows its extra information, like {@code asyncio.Transport(extra)}. */
    private record ExtraOnly(Map<String, Object> extra) implements BaseTransport {
        @Override
        public Object getExtraInfo(String name) {
            return extra.get(name);
        }

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public void setProtocol(BaseProtocol<?> protocol) {
        }

        @Override
        public BaseProtocol<?> getProtocol() {
            return null;
        }
    }

    /** Ports test_transports.py TransportTests.test_get_extra_info: known keys, unknown keys, the fallback. */
    @Test
    void extraInfoWithFallback() {
        BaseTransport transport = new ExtraOnly(Map.of("extra", "info"));
        assertEquals("info", transport.getExtraInfo("extra"));
        assertNull(transport.getExtraInfo("unknown"));
        Object fallback = new Object();
        assertSame(fallback, transport.getExtraInfo("unknown", fallback));
    }

    private static Protocol protocol() {
        return new Protocol() {
        };
    }

    /** Ports test_events.py TestServer.test_get_loop: a server belongs to the loop that made it. */
    @Test
    void serverBelongsToItsLoop(EventLoop loop) {
        Server server = loop.runUntilComplete(() -> loop.createServer(TransportsPortTest::protocol, "0.0.0.0", 0));
        assertSame(loop, server.getLoop());
        server.close();
        loop.runUntilComplete(() -> {
            server.waitClosed();
            return null;
        });
    }

    /** Ports test_events.py EventLoopTestsMixin.test_create_server_addr_in_use: a second bind of the same port fails. */
    @Test
    void secondServerOnTheSamePortFails(EventLoop loop) throws Exception {
        Server server = loop.runUntilComplete(() -> loop.createServer(TransportsPortTest::protocol, "0.0.0.0", 0,
                ServerOptions.DEFAULT));
        try {
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            assertThrows(BindException.class, () -> loop.runUntilComplete(
                    () -> loop.createServer(TransportsPortTest::protocol, "0.0.0.0", port,
                            new ServerOptions(100, null, false, false, true, null, null))));
        } finally {
            server.close();
            loop.runUntilComplete(() -> {
                server.waitClosed();
                return null;
            });
        }
    }

    /** A transport that records what write() receives, like test_transports' MyTransport. */
    private static final class RecordingWrites extends ExtraOnlyBase implements io.asyncio4j.transports.WriteTransport {
        final java.util.List<String> writes = new java.util.ArrayList<>();

        @Override
        public void write(java.nio.ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            writes.add(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        }

        @Override
        public void setWriteBufferLimits(Integer high, Integer low) {
        }

        @Override
        public int getWriteBufferSize() {
            return 0;
        }

        @Override
        public int getWriteBufferLowLimit() {
            return 0;
        }

        @Override
        public int getWriteBufferHighLimit() {
            return 0;
        }

        @Override
        public void writeEof() {
        }

        @Override
        public boolean canWriteEof() {
            return false;
        }

        @Override
        public void abort() {
        }
    }

    /** The BaseTransport part of a stand-alone transport. */
    private abstract static class ExtraOnlyBase implements BaseTransport {
        @Override
        public Object getExtraInfo(String name) {
            return null;
        }

        @Override
        public boolean isClosing() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public void setProtocol(BaseProtocol<?> protocol) {
        }

        @Override
        public BaseProtocol<?> getProtocol() {
            return null;
        }
    }

    /**
     * Ports test_transports.py TransportTests.test_writelines: the default writelines() joins the
     * buffers into one write(), leaving the caller's buffers untouched.
     */
    @Test
    void writelinesJoinsTheBuffersIntoOneWrite() {
        RecordingWrites transport = new RecordingWrites();
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(5).put("line3".getBytes()).flip();
        java.util.List<java.nio.ByteBuffer> lines = java.util.List.of(
                java.nio.ByteBuffer.wrap("line1".getBytes()), java.nio.ByteBuffer.wrap("xline2".getBytes(), 1, 5), direct);
        transport.writelines(lines);
        assertEquals(java.util.List.of("line1line2line3"), transport.writes);
        assertEquals(5, direct.remaining());
    }
}
