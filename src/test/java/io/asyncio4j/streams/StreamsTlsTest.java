package io.asyncio4j.streams;

import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.transports.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.streams.StreamsNetTest.port;
import static io.asyncio4j.streams.StreamsNetTest.run;
import static io.asyncio4j.streams.StreamsNetTest.s;
import static org.junit.jupiter.api.Assertions.*;

/** StreamWriter.startTls: upgrading open stream connections (test_streams.py test_start_tls). */
@Timeout(60)
class StreamsTlsTest {
    /** test_start_tls: both ends exchange a line in clear text, upgrade, and exchange one over TLS. */
    @Test
    void startTlsUpgradesBothEnds() {
        run(() -> {
            Server server = startServer((r, w) -> {
                w.write(r.readline());
                w.drain();
                assertNull(w.getExtraInfo("sslcontext"));
                w.startTls(TestCerts.serverContext());
                assertNotNull(w.getExtraInfo("sslcontext"));
                w.write(r.readline());
                w.drain();
                w.close();
                w.waitClosed();
            }, "127.0.0.1", 0);
            StreamPair c = openConnection("127.0.0.1", port(server));
            c.writer().write("hello world 1!\n");
            c.writer().drain();
            assertEquals("hello world 1!\n", s(c.reader().readline()));
            assertNull(c.writer().getExtraInfo("sslcontext"));
            c.writer().startTls(TestCerts.clientContext(), "localhost");
            assertNotNull(c.writer().getExtraInfo("sslcontext"));
            c.writer().write("hello world 2!\n");
            c.writer().drain();
            assertEquals("hello world 2!\n", s(c.reader().readline()));
            assertEquals(0, c.reader().read().length);
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    /** test_open_connection_no_loop_ssl, against our own TLS start_server. */
    @Test
    void openConnectionAndStartServerWithSsl() {
        run(() -> {
            Server server = startServer(StreamsNetTest::echoLine, "127.0.0.1", 0,
                    io.asyncio4j.transports.ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()));
            StreamPair c = openConnection("127.0.0.1", port(server),
                    io.asyncio4j.transports.ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost"));
            assertNotNull(c.writer().getExtraInfo("sslcontext"));
            c.writer().write("GET / HTTP/1.0\r\n\r\n");
            assertEquals("GET / HTTP/1.0\r\n", s(c.reader().readline()));
            assertEquals(0, c.reader().read().length);
            c.writer().close();
            c.writer().waitClosed();
            server.close();
            server.waitClosed();
        });
    }

    /** startTls on a writer whose transport is not a stream transport is refused clearly. */
    @Test
    void startTlsNeedsStreamTransport() {
        run(() -> {
            StreamReaderProtocol p = new StreamReaderProtocol(null, getRunningLoop());
            // A write-only transport (like a subprocess's stdin pipe) cannot carry TLS.
            io.asyncio4j.transports.WriteTransport bare = new io.asyncio4j.transports.WriteTransport() {
                public void setWriteBufferLimits(Integer h, Integer l) { }
                public int getWriteBufferSize() { return 0; }
                public int getWriteBufferLowLimit() { return 0; }
                public int getWriteBufferHighLimit() { return 0; }
                public void write(java.nio.ByteBuffer d) { }
                public void writeEof() { }
                public boolean canWriteEof() { return false; }
                public void abort() { }
                public Object getExtraInfo(String n) { return null; }
                public boolean isClosing() { return false; }
                public void close() { }
                public void setProtocol(io.asyncio4j.transports.BaseProtocol<?> x) { }
                public io.asyncio4j.transports.BaseProtocol<?> getProtocol() { return p; }
            };
            StreamWriter w = new StreamWriter(bare, p, null, getRunningLoop());
            assertThrows(UnsupportedOperationException.class, () -> w.startTls(null));
        });
    }
}
