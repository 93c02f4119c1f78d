package io.asyncio4j.internal.net.tls;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.testing.VirtualTimeLoop;
import io.asyncio4j.transports.BaseProtocol;
import io.asyncio4j.transports.TlsOptions;
import io.asyncio4j.transports.Transport;

import javax.net.ssl.SSLContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A TLS client and server wired back to back over {@link MemoryTransport}s. */
final class TlsPair {
    final MemoryTransport clientRaw;
    final MemoryTransport serverRaw;
    final SslProtocol client;
    final SslProtocol server;
    final Future<Transport> clientReady;
    final Future<Transport> serverReady;

    private TlsPair(EventLoop loop, BaseProtocol<Transport> clientApp, SSLContext cctx, TlsOptions copts,
                    BaseProtocol<Transport> serverApp, SSLContext sctx, TlsOptions sopts) {
        MemoryTransport[] raw = MemoryTransport.pair(loop);
        clientRaw = raw[0];
        serverRaw = raw[1];
        clientReady = loop.createFuture();
        serverReady = loop.createFuture();
        client = new SslProtocol(loop, clientApp, cctx, copts, clientReady, true);
        server = new SslProtocol(loop, serverApp, sctx, sopts, serverReady, true);
    }

    /** {@return a pair of the test contexts, not yet connected} */
    static TlsPair create(BaseProtocol<Transport> clientApp, BaseProtocol<Transport> serverApp) {
        return create(clientApp, TestCerts.clientContext(), TlsOptions.client("localhost"),
                serverApp, TestCerts.serverContext(), TlsOptions.server());
    }

    static TlsPair create(BaseProtocol<Transport> clientApp, SSLContext cctx, TlsOptions copts,
                          BaseProtocol<Transport> serverApp, SSLContext sctx, TlsOptions sopts) {
        return new TlsPair(Asyncio.getRunningLoop(), clientApp, cctx, copts, serverApp, sctx, sopts);
    }

    /** Connects both raw ends: the handshake starts. */
    TlsPair connect() {
        serverRaw.connect(server);
        clientRaw.connect(client);
        return this;
    }

    /**
     * Runs {@code main} on a virtual-time loop and fails if the loop's exception handler was
     * called.
     */
    static <T> T run(Coroutine<T> main) {
        List<Map<String, Object>> reported = new ArrayList<>();
        T result = VirtualTimeLoop.run(() -> {
            Asyncio.getRunningLoop().setExceptionHandler((loop, ctx) -> reported.add(ctx));
            return main.call();
        });
        assertEquals(List.of(), reported, "unexpected reports to the exception handler");
        return result;
    }
}
