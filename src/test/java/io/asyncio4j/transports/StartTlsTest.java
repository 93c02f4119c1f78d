package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.net.tls.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code loop.startTls} over real sockets: our client and server upgrading a plain connection,
 * a {@link BufferedProtocol} kept across the upgrade, and our server upgraded by
 * {@code openssl s_client -starttls smtp}. Ports CPython's test_sslproto.py BaseStartTLS
 * test_start_tls_client_reg_proto_1, test_start_tls_client_buf_proto_1 and
 * test_start_tls_server_1; as there, each side knows from the plain protocol when to upgrade.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartTlsTest {
    private static final int PAYLOAD_SIZE = 1024 * 100;

    /** Counts bytes, completes {@link #got} at {@link #want}; asserts connectionMade runs once. */
    static final class CountingProtocol implements Protocol {
        final EventLoop loop = Asyncio.getRunningLoop();
        Future<byte[]> got = loop.createFuture();
        final Future<Void> eof = loop.createFuture();
        final Future<Throwable> lost = loop.createFuture();
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int want;
        int made;
        Transport transport;

        CountingProtocol(int want) {
            this.want = want;
        }

        void expect(int n) {
            got = loop.createFuture();
            data = new java.io.ByteArrayOutputStream();
            want = n;
        }

        @Override
        public void connectionMade(Transport t) {
            made++;
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer buf) {
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            data.writeBytes(b);
            if (data.size() >= want && !got.done()) {
                got.setResult(data.toByteArray());
            }
        }

        @Override
        public boolean eofReceived() {
            eof.setResult(null);
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }
    }

    /**
     * Ports test_start_tls_client_reg_proto_1 / test_start_tls_server_1: HELLO in clear, a "GO"
     * from the server, then both sides start TLS; "O" and HELLO again under TLS; the server
     * closes with close_notify and the client sees EOF.
     */
    @Test
    void startTlsClientAndServer() {
        byte[] hello = new byte[PAYLOAD_SIZE];
        Arrays.fill(hello, (byte) '1');
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> serverDone = loop.createFuture();
            try (Server srv = loop.createServer(() -> {
                CountingProtocol p = new CountingProtocol(hello.length);
                p.got.addDoneCallback(f -> Asyncio.getRunningLoop().createTask(() -> {
                    try {
                        p.transport.write("GO");
                        Transport tls = loop.startTls(p.transport, p, TestCerts.serverContext(), TlsOptions.server());
                        p.expect(hello.length);
                        tls.write("O");
                        assertArrayEquals(hello, p.got.await());
                        tls.close();
                        serverDone.setResult(null);
                    } catch (Throwable e) {
                        serverDone.setException(e);
                    }
                    return null;
                }));
                return p;
            }, "127.0.0.1", 0)) {
                Connection<Transport, CountingProtocol> c = loop.createConnection(() -> new CountingProtocol(2),
                        "127.0.0.1", port(srv));
                CountingProtocol proto = c.protocol();
                c.transport().write(hello);
                assertEquals("GO", new String(proto.got.await(), StandardCharsets.US_ASCII));
                proto.expect(1);
                Transport tls = loop.startTls(c.transport(), proto, TestCerts.clientContext(), TlsOptions.client("localhost"));
                assertEquals("O", new String(proto.got.await(), StandardCharsets.US_ASCII));
                assertNotNull(tls.getExtraInfo("peercert"));
                assertNotNull(tls.getExtraInfo("peername"), "forwarded to the socket transport");
                tls.write(hello);
                proto.eof.await();
                serverDone.await();
                assertNull(proto.lost.await());
                assertEquals(1, proto.made, "connectionMade ran once");
                assertNull(tls.getExtraInfo("peername"), "the socket is gone");
            }
            return null;
        });
    }

    /** A BufferedProtocol that appends into a fixed buffer, as in test_start_tls_client_buf_proto_1. */
    static final class BufProto implements BufferedProtocol {
        final EventLoop loop = Asyncio.getRunningLoop();
        final ByteBuffer buf = ByteBuffer.allocate(7);
        final StringBuilder text = new StringBuilder();
        Future<String> got = loop.createFuture();
        int want;

        BufProto(int want) {
            this.want = want;
        }

        @Override
        public ByteBuffer getBuffer(int sizeHint) {
            buf.clear();
            return buf;
        }

        @Override
        public void bufferUpdated(int nbytes) {
            text.append(new String(buf.array(), 0, nbytes, StandardCharsets.US_ASCII));
            if (text.length() >= want && !got.done()) {
                got.setResult(text.toString());
            }
        }
    }

    /**
     * Ports test_start_tls_client_buf_proto_1: a BufferedProtocol before and after the upgrade,
     * then a second one installed with setProtocol on the TLS transport.
     */
    @Test
    void startTlsClientBufferedProtocol() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Void> serverDone = loop.createFuture();
            try (Server srv = loop.createServer(() -> {
                CountingProtocol p = new CountingProtocol(5);
                p.got.addDoneCallback(f -> Asyncio.getRunningLoop().createTask(() -> {
                    try {
                        p.transport.write("GO");
                        Transport tls = loop.startTls(p.transport, p, TestCerts.serverContext(), TlsOptions.server());
                        tls.write("first chunk under tls");
                        p.expect(4);
                        p.got.await();
                        tls.write("second");
                        p.expect(4);
                        p.got.await();
                        tls.close();
                        serverDone.setResult(null);
                    } catch (Throwable e) {
                        serverDone.setException(e);
                    }
                    return null;
                }));
                return p;
            }, "127.0.0.1", 0)) {
                BufProto first = new BufProto(2);
                Connection<Transport, BufProto> c = loop.createConnection(() -> first, "127.0.0.1", port(srv));
                c.transport().write("HELLO");
                assertEquals("GO", first.got.await());
                first.got = loop.createFuture();
                first.text.setLength(0);
                first.want = "first chunk under tls".length();
                Transport tls = loop.startTls(c.transport(), first, TestCerts.clientContext(), TlsOptions.client("localhost"));
                assertEquals("first chunk under tls", first.got.await());
                BufProto second = new BufProto("second".length());
                tls.setProtocol(second);
                assertSame(second, tls.getProtocol());
                tls.write("ack1");
                assertEquals("second", second.got.await());
                tls.write("ack2");
                serverDone.await();
            }
            return null;
        });
    }

    /**
     * Our server upgraded in place by {@code openssl s_client -starttls smtp}: a minimal SMTP
     * greeting, EHLO advertising STARTTLS, then loop.startTls on the server side and an echo
     * under TLS that s_client verifies.
     */
    @Test
    void opensslStarttlsSmtpAgainstOurServer() {
        OpensslProcess.assumeAvailable();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> upgraded = loop.createFuture();
            Future<Throwable> lost = loop.createFuture();
            Protocol smtp = new Protocol() {
                Transport transport;
                boolean tls;
                final StringBuilder pending = new StringBuilder();

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                    t.write("220 asyncio4j ESMTP\r\n");
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    if (tls) {
                        transport.write(data);
                        return;
                    }
                    pending.append(StandardCharsets.US_ASCII.decode(data));
                    int nl;
                    while ((nl = pending.indexOf("\n")) >= 0) {
                        String line = pending.substring(0, nl).trim();
                        pending.delete(0, nl + 1);
                        if (line.toUpperCase().startsWith("EHLO")) {
                            transport.write("250-asyncio4j\r\n250 STARTTLS\r\n");
                        } else if (line.equalsIgnoreCase("STARTTLS")) {
                            transport.write("220 Ready to start TLS\r\n");
                            Protocol self = this;
                            loop.createTask(() -> {
                                transport = loop.startTls(transport, self, TestCerts.serverContext(), TlsOptions.server());
                                tls = true;
                                upgraded.setResult(transport);
                                return null;
                            });
                            return;
                        }
                    }
                }

                @Override
                public void connectionLost(Throwable exc) {
                    lost.setResult(exc);
                }
            };
            try (Server srv = loop.createServer(() -> smtp, "127.0.0.1", 0);
                 OpensslProcess client = OpensslProcess.client(port(srv), "-starttls", "smtp", "-servername", "localhost")) {
                Transport tls = upgraded.await();
                assertEquals("localhost", tls.getExtraInfo("server_hostname"));
                client.send("echo after starttls\n");
                client.awaitLine("echo after starttls");
                client.closeInput();
                assertNull(lost.await());
                assertEquals(0, client.awaitExit(), client.output());
            }
            return null;
        });
    }

    /**
     * asyncio's StreamWriter.start_tls on both ends of a stream connection (the STARTTLS
     * pattern of test_streams.py / test_sslproto.py): a line in clear, then TLS.
     */
    @Test
    void streamsStartTlsBothSides() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> serverSawSni = loop.createFuture();
            try (Server srv = Asyncio.startServer((reader, writer) -> {
                assertEquals("STARTTLS\n", new String(reader.readline(), StandardCharsets.US_ASCII));
                writer.write("GO\n");
                writer.startTls(TestCerts.serverContext());
                serverSawSni.setResult((String) writer.transport().getExtraInfo("server_hostname"));
                String line = new String(reader.readline(), StandardCharsets.US_ASCII);
                writer.write(line.toUpperCase());
                writer.drain();
                writer.close();
                writer.waitClosed();
            }, "127.0.0.1", 0)) {
                io.asyncio4j.streams.StreamPair s = Asyncio.openConnection("127.0.0.1", port(srv));
                s.writer().write("STARTTLS\n");
                assertEquals("GO\n", new String(s.reader().readline(), StandardCharsets.US_ASCII));
                s.writer().startTls(TestCerts.clientContext(), "localhost");
                assertNotNull(s.writer().transport().getExtraInfo("ssl_object"));
                s.writer().write("secret\n");
                assertEquals("SECRET\n", new String(s.reader().readline(), StandardCharsets.US_ASCII));
                assertEquals("localhost", serverSawSni.await());
                assertEquals(0, s.reader().read().length, "EOF after the server's close_notify");
                s.writer().close();
                s.writer().waitClosed();
            }
            return null;
        });
    }
}
