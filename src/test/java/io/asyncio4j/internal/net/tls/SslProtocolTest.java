package io.asyncio4j.internal.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The TLS layer between two in-memory transports on the virtual-time loop. Ports the unit cases
 * of CPython's Lib/test/test_asyncio/test_sslproto.py (SslProtoHandshakeTests) and the handshake,
 * certificate and shutdown cases of test_ssl.py, with real {@code SSLEngine}s on both ends instead
 * of mocks.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SslProtocolTest {

    private static SslProtocol clientProtocol(EventLoop loop, Protocol app, Future<Transport> waiter, Double timeout) {
        return new SslProtocol(loop, app, TestCerts.clientContext(),
                new TlsOptions(false, "localhost", timeout, null), waiter, true);
    }

    @Test
    void handshakeThenEchoTls13() {
        echo("TLSv1.3");
    }

    @Test
    void handshakeThenEchoTls12() {
        echo("TLSv1.2");
    }

    private void echo(String version) {
        TlsPair.run(() -> {
            RecordingProtocol clientApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(5);
            RecordingProtocol serverApp = new RecordingProtocol(Asyncio.getRunningLoop()).expect(5);
            TlsPair p = TlsPair.create(clientApp, TestCerts.clientContext(version), TlsOptions.client("localhost"),
                    serverApp, TestCerts.serverContext(), TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            assertSame(ct, clientApp.made.result());
            assertSame(st, serverApp.made.result());
            ct.write("hello");
            assertEquals("hello", new String(serverApp.gotAll.await(), StandardCharsets.UTF_8));
            st.write("world");
            assertEquals("world", new String(clientApp.gotAll.await(), StandardCharsets.UTF_8));
            SSLEngine engine = (SSLEngine) ct.getExtraInfo("ssl_object");
            assertEquals(version, engine.getSession().getProtocol());
            assertEquals(engine.getSession().getCipherSuite(), ct.getExtraInfo("cipher"));
            assertInstanceOf(SSLContext.class, ct.getExtraInfo("sslcontext"));
            X509Certificate cert = (X509Certificate) ct.getExtraInfo("peercert");
            assertEquals("CN=localhost", cert.getSubjectX500Principal().getName());
            assertNull(st.getExtraInfo("peercert"), "no client certificate was asked for");
            assertEquals("memory:server", ct.getExtraInfo("peername"));
            assertEquals("memory:client", ct.getExtraInfo("sockname"));
            assertEquals("localhost", st.getExtraInfo("server_hostname"), "the server saw the SNI name");
            assertEquals("localhost", ct.getExtraInfo("server_hostname"));
            // Ciphertext on the wire, not the plaintext.
            assertFalse(new String(p.clientRaw.written.toByteArray(), StandardCharsets.ISO_8859_1).contains("hello"));
            ct.close();
            assertNull(clientApp.lost.await());
            assertNull(serverApp.lost.await());
            assertEquals(List.of("made", "data", "eof", "lost"), serverApp.events);
            // As asyncio's _do_shutdown: the closing side also hears eofReceived once the peer's
            // close_notify arrives.
            assertEquals(List.of("made", "data", "eof", "lost"), clientApp.events);
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_handshake_timeout_zero. */
    @Test
    void handshakeTimeoutZero() {
        TlsPair.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> clientProtocol(Asyncio.getRunningLoop(), new Protocol() { }, null, 0.0));
            assertTrue(e.getMessage().contains("a positive number"), e.getMessage());
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_handshake_timeout_negative. */
    @Test
    void handshakeTimeoutNegative() {
        TlsPair.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> clientProtocol(Asyncio.getRunningLoop(), new Protocol() { }, null, -10.0));
            assertTrue(e.getMessage().contains("a positive number"), e.getMessage());
            return null;
        });
    }

    @Test
    void clientWithoutServerHostnameIsRejected() {
        TlsPair.run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SslProtocol(Asyncio.getRunningLoop(), new Protocol() { }, TestCerts.clientContext(),
                            TlsOptions.client(null), null, true));
            assertTrue(e.getMessage().contains("serverHostname"), e.getMessage());
            return null;
        });
    }

    @Test
    void appProtocolMustBeAStreamProtocol() {
        TlsPair.run(() -> {
            SslProtocol p = clientProtocol(Asyncio.getRunningLoop(), new Protocol() { }, null, null);
            assertThrows(IllegalArgumentException.class, () -> p.appTransport().setProtocol(new io.asyncio4j.transports.BaseProtocol<>() { }));
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_eof_received_waiter. */
    @Test
    void eofReceivedWaiter() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> waiter = loop.createFuture();
            SslProtocol ssl = clientProtocol(loop, new RecordingProtocol(loop), waiter, null);
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            raw.connect(ssl);
            ssl.eofReceived();
            Asyncio.sleep(0);
            assertInstanceOf(SocketException.class, waiter.exception());
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_connection_lost (asyncio issue #472). */
    @Test
    void connectionLostDuringHandshakeWakesWaiter() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> waiter = loop.createFuture();
            SslProtocol ssl = clientProtocol(loop, new RecordingProtocol(loop), waiter, null);
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            raw.connect(ssl);
            SocketException boom = new SocketException("aborted");
            raw.fail(boom);
            Asyncio.sleep(0);
            assertSame(boom, waiter.exception());
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_close_during_handshake (bpo-29743). */
    @Test
    void closeDuringHandshakeAbortsRawTransport() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> waiter = loop.createFuture();
            RecordingProtocol app = new RecordingProtocol(loop);
            SslProtocol ssl = clientProtocol(loop, app, waiter, null);
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            raw.connect(ssl);
            Asyncio.sleep(0);
            ssl.appTransport().close();
            assertTrue(raw.aborted);
            assertThrows(SocketException.class, waiter::await);
            assertEquals(List.of(), app.events, "the application never saw the connection");
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_get_extra_info_on_closed_connection. */
    @Test
    void getExtraInfoOnClosedConnection() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            SslProtocol ssl = clientProtocol(loop, new RecordingProtocol(loop), loop.createFuture(), null);
            Transport t = ssl.appTransport();
            assertNull(t.getExtraInfo("socket"));
            Object dflt = new Object();
            assertSame(dflt, t.getExtraInfo("socket", dflt));
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            raw.connect(ssl);
            assertNotNull(t.getExtraInfo("socket"));
            ssl.connectionLost(null);
            assertNull(t.getExtraInfo("socket"));
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_set_new_app_protocol. */
    @Test
    void setNewAppProtocol() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            SslProtocol ssl = clientProtocol(loop, new RecordingProtocol(loop), null, null);
            Protocol next = new Protocol() { };
            ssl.appTransport().setProtocol(next);
            assertSame(next, ssl.appTransport().getProtocol());
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_data_received_after_closing. */
    @Test
    void dataReceivedAfterClosing() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, new RecordingProtocol(loop)).connect();
            Transport ct = p.clientReady.await();
            p.clientRaw.swallowWrites = true;
            ct.close();
            assertTrue(ct.isClosing());
            // Junk after close: must not throw out of bufferUpdated (it aborts the connection).
            p.client.getBuffer(5).put(new byte[]{1, 2, 3, 4, 5});
            assertDoesNotThrow(() -> p.client.bufferUpdated(5));
            // As asyncio's _on_shutdown_complete(exc): the bad record is a fatal error that
            // aborts the connection and reaches connectionLost.
            assertInstanceOf(javax.net.ssl.SSLException.class, clientApp.lost.await());
            assertTrue(p.clientRaw.aborted);
            return null;
        });
    }

    /** Ports test_sslproto.py SslProtoHandshakeTests.test_write_after_closing. */
    @Test
    void writeAfterClosingIsDropped() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol serverApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), serverApp).connect();
            Transport ct = p.clientReady.await();
            ct.close();
            assertDoesNotThrow(() -> ct.write("data"));
            assertNull(serverApp.lost.await());
            assertEquals(0, serverApp.data.size());
            return null;
        });
    }

    @Test
    void writeRejectsNullAndHalfClose() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), new RecordingProtocol(loop)).connect();
            Transport ct = p.clientReady.await();
            assertThrows(NullPointerException.class, () -> ct.write((java.nio.ByteBuffer) null));
            assertFalse(ct.canWriteEof());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, ct::writeEof);
            assertTrue(e.getMessage().contains("half-close"));
            ct.close();
            return null;
        });
    }

    /**
     * Ports test_sslproto.py BaseStartTLS.test_handshake_timeout / test_ssl.py
     * test_ssl_handshake_timeout: a peer that never answers the ClientHello.
     */
    @Test
    void handshakeTimeout() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> waiter = loop.createFuture();
            RecordingProtocol app = new RecordingProtocol(loop);
            SslProtocol ssl = clientProtocol(loop, app, waiter, null);
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            double t0 = loop.time();
            raw.connect(ssl);
            TimeoutError e = assertThrows(TimeoutError.class, waiter::await);
            assertEquals(60.0, loop.time() - t0, 1e-6, "asyncio's default handshake timeout");
            assertTrue(e.getMessage().contains("SSL handshake is taking longer than 60.0 seconds"), e.getMessage());
            assertTrue(raw.aborted);
            Asyncio.sleep(0);
            assertTrue(raw.isLost());
            assertEquals(List.of(), app.events);
            return null;
        });
    }

    /** Ports test_ssl.py test_handshake_timeout_handler_leak: a custom timeout; the timer goes away. */
    @Test
    void customHandshakeTimeout() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Transport> waiter = loop.createFuture();
            SslProtocol ssl = clientProtocol(loop, new RecordingProtocol(loop), waiter, 0.5);
            MemoryTransport raw = MemoryTransport.pair(loop)[0];
            raw.swallowWrites = true;
            double t0 = loop.time();
            raw.connect(ssl);
            assertThrows(TimeoutError.class, waiter::await);
            assertEquals(0.5, loop.time() - t0, 1e-6);
            return null;
        });
    }

    /** Ports test_ssl.py test_create_connection_ssl_failed_certificate: an untrusted server. */
    @Test
    void untrustedCertificateFailsBothSides() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            RecordingProtocol serverApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, TestCerts.defaultClientContext(), TlsOptions.client("localhost"),
                    serverApp, TestCerts.serverContext(), TlsOptions.server()).connect();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, p.clientReady::await);
            assertTrue(String.valueOf(e.getMessage()).contains("PKIX") || e.getCause() != null, String.valueOf(e));
            assertThrows(javax.net.ssl.SSLException.class, p.serverReady::await);
            Asyncio.sleep(0);
            assertTrue(p.clientRaw.isLost());
            assertEquals(List.of(), clientApp.events);
            assertEquals(List.of(), serverApp.events);
            return null;
        });
    }

    /** Hostname verification is on by default: a certificate for "localhost" is not "example.org". */
    @Test
    void hostnameMismatchFails() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), TestCerts.clientContext(), TlsOptions.client("example.org"),
                    new RecordingProtocol(loop), TestCerts.serverContext(), TlsOptions.server()).connect();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, p.clientReady::await);
            assertTrue(String.valueOf(e.getMessage()).contains("example.org")
                    || String.valueOf(e.getCause()).contains("example.org"), String.valueOf(e));
            assertThrows(javax.net.ssl.SSLException.class, p.serverReady::await);
            return null;
        });
    }

    @Test
    void ipLiteralIsVerifiedAgainstIpSan() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), TestCerts.clientContext(), TlsOptions.client("127.0.0.1"),
                    new RecordingProtocol(loop), TestCerts.serverContext(), TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            Transport st = p.serverReady.await();
            assertNull(st.getExtraInfo("server_hostname"), "no SNI for an IP literal");
            ct.close();
            return null;
        });
    }

    /** Verification off is the caller's explicit choice: a trust-all X509ExtendedTrustManager. */
    @Test
    void trustAllContextSkipsVerification() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            TlsPair p = TlsPair.create(new RecordingProtocol(loop), TestCerts.trustAllClientContext(), TlsOptions.client("example.org"),
                    new RecordingProtocol(loop), TestCerts.serverContext(), TlsOptions.server()).connect();
            Transport ct = p.clientReady.await();
            assertEquals("example.org", p.serverReady.await().getExtraInfo("server_hostname"));
            ct.close();
            return null;
        });
    }
}
