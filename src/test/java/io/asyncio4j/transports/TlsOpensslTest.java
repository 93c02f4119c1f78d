package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.internal.net.tls.TestCerts;
import io.asyncio4j.streams.StreamPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * TLS over real sockets against OpenSSL's own {@code s_server} and {@code s_client} (Debian's
 * openssl package), TLS 1.2 and 1.3. Follows CPython's test_ssl.py test_create_connection_ssl_1,
 * test_create_server_ssl_1, test_create_connection_ssl_failed_certificate and
 * test_ssl_handshake_timeout, with OpenSSL as the peer instead of Python's ssl module.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsOpensslTest {

    /** Collects decrypted data; completes {@link #line} at the first newline. */
    static final class LineProtocol implements Protocol {
        final EventLoop loop = Asyncio.getRunningLoop();
        final StringBuilder text = new StringBuilder();
        final Future<String> line = loop.createFuture();
        final Future<Throwable> lost = loop.createFuture();
        Transport transport;
        boolean eof;

        @Override
        public void connectionMade(Transport t) {
            transport = t;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            text.append(StandardCharsets.UTF_8.decode(data));
            int nl = text.indexOf("\n");
            if (nl >= 0 && !line.done()) {
                line.setResult(text.substring(0, nl));
            }
        }

        @Override
        public boolean eofReceived() {
            eof = true;
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            lost.setResult(exc);
        }
    }

    private static ConnectOptions clientOptions() {
        return ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost");
    }

    /**
     * Our client against {@code openssl s_server -rev} (it answers each line reversed): the
     * negotiated version, the SNI name the server logged, the peer certificate, close_notify.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void ourClientAgainstOpensslServer(String version) throws Exception {
        OpensslProcess.assumeAvailable();
        try (OpensslProcess server = OpensslProcess.server("-rev", version)) {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                int port = server.awaitPort();
                Connection<Transport, LineProtocol> c = loop.createConnection(LineProtocol::new, "127.0.0.1", port, clientOptions());
                Transport t = c.transport();
                t.write("hello tls\n");
                assertEquals("slt olleh", c.protocol().line.await());
                SSLEngine engine = (SSLEngine) t.getExtraInfo("ssl_object");
                assertEquals(version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3", engine.getSession().getProtocol());
                assertEquals(engine.getSession().getCipherSuite(), t.getExtraInfo("cipher"));
                X509Certificate cert = (X509Certificate) t.getExtraInfo("peercert");
                assertEquals("CN=localhost", cert.getSubjectX500Principal().getName());
                assertNotNull(t.getExtraInfo("peername"));
                assertNotNull(t.getExtraInfo("sockname"));
                assertNotNull(t.getExtraInfo("socket"));
                t.close();
                assertNull(c.protocol().lost.await());
                assertEquals(0, server.awaitExit());
                return null;
            });
            String out = server.output();
            assertTrue(out.contains("Hostname in TLS extension: \"localhost\""), out);
            assertTrue(out.contains("Protocol version: " + (version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3")), out);
        }
    }

    /** Our server against {@code openssl s_client}, which verifies our certificate and name. */
    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void opensslClientAgainstOurServer(String version) {
        OpensslProcess.assumeAvailable();
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> accepted = loop.createFuture();
            Future<Throwable> lost = loop.createFuture();
            Protocol echo = new Protocol() {
                Transport transport;

                @Override
                public void connectionMade(Transport t) {
                    transport = t;
                    accepted.setResult(t);
                }

                @Override
                public void dataReceived(ByteBuffer data) {
                    transport.write(data);
                }

                @Override
                public void connectionLost(Throwable exc) {
                    lost.setResult(exc);
                }
            };
            try (Server srv = loop.createServer(() -> echo, "127.0.0.1", 0,
                    ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()));
                 OpensslProcess client = OpensslProcess.client(port(srv), version, "-servername", "localhost")) {
                Transport t = accepted.await();
                assertEquals("localhost", t.getExtraInfo("server_hostname"), "the SNI name s_client sent");
                assertEquals(version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3",
                        ((SSLEngine) t.getExtraInfo("ssl_object")).getSession().getProtocol());
                client.send("ping over tls\n");
                client.awaitLine("ping over tls");
                client.closeInput();           // s_client sends close_notify and exits
                assertNull(lost.await());
                assertEquals(0, client.awaitExit(), client.output());
            }
            return null;
        });
    }

    /** Hostname verification is on by default: the server's certificate does not name example.org. */
    @Test
    void hostnameVerificationFailure() throws Exception {
        OpensslProcess.assumeAvailable();
        try (OpensslProcess server = OpensslProcess.server("-rev")) {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                int port = server.awaitPort();
                ConnectOptions opts = ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("example.org");
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> loop.createConnection(LineProtocol::new, "127.0.0.1", port, opts));
                assertTrue(String.valueOf(e.getMessage()).contains("example.org"), String.valueOf(e));
                NetTesting.assertNoIoLeft(loop);
                return null;
            });
        }
    }

    /** Ports test_ssl.py test_create_connection_ssl_failed_certificate: the JDK's trust store does not know our CA. */
    @Test
    void untrustedCertificateFailure() throws Exception {
        OpensslProcess.assumeAvailable();
        try (OpensslProcess server = OpensslProcess.server("-rev")) {
            run(() -> {
                EventLoop loop = Asyncio.getRunningLoop();
                int port = server.awaitPort();
                ConnectOptions opts = ConnectOptions.DEFAULT.withSsl(TestCerts.defaultClientContext()).withServerHostname("localhost");
                assertThrows(SSLHandshakeException.class,
                        () -> loop.createConnection(LineProtocol::new, "127.0.0.1", port, opts));
                NetTesting.assertNoIoLeft(loop);
                return null;
            });
        }
    }

    /** Streams over TLS: asyncio's open_connection(ssl=...) against s_server. */
    @Test
    void openConnectionWithSsl() throws Exception {
        OpensslProcess.assumeAvailable();
        try (OpensslProcess server = OpensslProcess.server("-rev")) {
            run(() -> {
                int port = server.awaitPort();
                StreamPair s = Asyncio.openConnection("127.0.0.1", port, clientOptions());
                s.writer().write("streams\n");
                assertEquals("smaerts\n", new String(s.reader().readline(), StandardCharsets.UTF_8));
                assertNotNull(s.writer().transport().getExtraInfo("ssl_object"));
                s.writer().close();
                return null;
            });
        }
    }
}
