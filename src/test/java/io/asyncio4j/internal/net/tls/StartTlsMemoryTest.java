package io.asyncio4j.internal.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TimeoutError;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.net.ssl.SSLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code loop.startTls} over in-memory transports on the virtual-time loop: plain bytes first,
 * then TLS on the same connection, and TLS inside TLS. Ports cases of CPython's
 * test_sslproto.py BaseStartTLS as cited.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartTlsMemoryTest {

    /** Two plain protocols on connected memory transports. */
    private record Plain(MemoryTransport clientRaw, MemoryTransport serverRaw,
                         RecordingProtocol client, RecordingProtocol server) {
        static Plain connect(EventLoop loop) {
            MemoryTransport[] raw = MemoryTransport.pair(loop);
            RecordingProtocol c = new RecordingProtocol(loop);
            RecordingProtocol s = new RecordingProtocol(loop);
            raw[1].connect(s);
            raw[0].connect(c);
            return new Plain(raw[0], raw[1], c, s);
        }
    }

    /** Ports test_sslproto.py BaseStartTLS.test_start_tls_client_reg_proto_1 and test_start_tls_server_1. */
    @Test
    void startTlsBothSides() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Plain p = Plain.connect(loop);
            p.server.expect(5);
            p.clientRaw.write("HELLO".getBytes());
            p.server.gotAll.await();
            assertEquals("HELLO", p.server.text());
            p.server.data.reset();
            p.client.data.reset();

            Task<Transport> serverSide = Asyncio.createTask(() ->
                    loop.startTls(p.serverRaw, p.server, TestCerts.serverContext(), TlsOptions.server()));
            Transport ct = loop.startTls(p.clientRaw, p.client, TestCerts.clientContext(), TlsOptions.client("localhost"));
            Transport st = serverSide.await();
            assertNotSame(p.clientRaw, ct);
            assertSame(ct.getProtocol(), p.client);
            assertSame(p.server, st.getProtocol());

            p.client.gotAll = loop.createFuture();
            p.client.expect(1);
            st.write("O");
            assertEquals("O", new String(p.client.gotAll.await()));
            p.server.gotAll = loop.createFuture();
            p.server.expect(5);
            ct.write("HELLO");
            assertEquals("HELLO", new String(p.server.gotAll.await()));
            assertFalse(new String(p.clientRaw.written.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .substring(5).contains("HELLO"), "only the first HELLO went in clear");
            // connectionMade ran once, before the upgrade: start_tls does not repeat it.
            assertEquals(1, p.client.events.stream().filter("made"::equals).count());
            st.close();
            assertNull(p.client.lost.await());
            assertEquals(List.of("made", "data", "eof", "lost"), p.client.events);
            return null;
        });
    }

    /** Ports test_sslproto.py BaseStartTLS.test_start_tls_slow_client_cancel: the server never handshakes. */
    @Test
    void startTlsSlowClientCancel() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Plain p = Plain.connect(loop);
            p.clientRaw.write("HELLO".getBytes());
            TimeoutError e = assertThrows(TimeoutError.class, () -> Asyncio.waitFor(Asyncio.createTask(() ->
                    loop.startTls(p.clientRaw, p.client, TestCerts.clientContext(), TlsOptions.client("localhost"))), 0.5));
            assertNotNull(e);
            assertTrue(p.clientRaw.isClosing(), "start_tls closes the transport it could not upgrade");
            assertNull(p.client.lost.await());
            return null;
        });
    }

    /** Ports test_sslproto.py BaseStartTLS.test_start_tls_wrong_args. */
    @Test
    void startTlsWrongArgs() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Plain p = Plain.connect(loop);
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> loop.startTls(p.clientRaw, p.client, null, TlsOptions.client("localhost")));
            assertTrue(e.getMessage().contains("SSLContext"), e.getMessage());
            assertThrows(NullPointerException.class,
                    () -> loop.startTls(null, p.client, TestCerts.clientContext(), TlsOptions.client("localhost")));
            assertThrows(IllegalArgumentException.class,
                    () -> loop.startTls(p.clientRaw, p.client, TestCerts.clientContext(), TlsOptions.client(null)));
            p.clientRaw.close();
            IllegalStateException closing = assertThrows(IllegalStateException.class,
                    () -> loop.startTls(p.clientRaw, p.client, TestCerts.clientContext(), TlsOptions.client("localhost")));
            assertTrue(closing.getMessage().contains("closing"), closing.getMessage());
            return null;
        });
    }

    /** Ports test_sslproto.py BaseStartTLS.test_start_tls_client_corrupted_ssl: garbage under TLS is fatal. */
    @Test
    void corruptedTlsIsFatal() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            TlsPair p = TlsPair.create(clientApp, new RecordingProtocol(loop)).connect();
            p.clientReady.await();
            p.clientRaw.inject("please corrupt the SSL connection".getBytes());
            assertInstanceOf(SSLException.class, clientApp.lost.await());
            assertTrue(p.clientRaw.aborted);
            return null;
        });
    }

    /**
     * TLS inside TLS: start_tls over a TLS transport. Ports test_sslproto.py
     * SslProtoHandshakeTests.test_close_during_ssl_over_ssl (gh-113214): closing the outer layer
     * reports nothing to the exception handler.
     */
    @Test
    void tlsOverTls() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            RecordingProtocol clientApp = new RecordingProtocol(loop);
            RecordingProtocol serverApp = new RecordingProtocol(loop).expect(5);
            TlsPair outer = TlsPair.create(clientApp, serverApp).connect();
            Transport outerClient = outer.clientReady.await();
            Transport outerServer = outer.serverReady.await();
            Task<Transport> innerServer = Asyncio.createTask(() ->
                    loop.startTls(outerServer, serverApp, TestCerts.serverContext(), TlsOptions.server()));
            Transport innerClient = loop.startTls(outerClient, clientApp, TestCerts.clientContext(), TlsOptions.client("localhost"));
            innerServer.await();
            innerClient.write("inner");
            assertEquals("inner", new String(serverApp.gotAll.await()));
            outerClient.close();
            assertNull(clientApp.lost.await());
            assertNull(serverApp.lost.await());
            return null;
        });
    }

    /**
     * A failed upgrade: the certificate is not trusted. startTls raises SSLHandshakeException and,
     * unlike asyncio, the already-connected protocol hears connectionLost with the same error.
     */
    @Test
    void startTlsCertificateFailure() {
        TlsPair.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Plain p = Plain.connect(loop);
            Task<Transport> serverSide = Asyncio.createTask(() ->
                    loop.startTls(p.serverRaw, p.server, TestCerts.serverContext(), TlsOptions.server()));
            javax.net.ssl.SSLHandshakeException e = assertThrows(javax.net.ssl.SSLHandshakeException.class,
                    () -> loop.startTls(p.clientRaw, p.client, TestCerts.defaultClientContext(), TlsOptions.client("localhost")));
            assertSame(e, p.client.lost.await());
            assertThrows(SSLException.class, serverSide::await);
            assertInstanceOf(SSLException.class, p.server.lost.await());
            assertEquals(List.of("made", "lost"), p.client.events);
            return null;
        });
    }
}
