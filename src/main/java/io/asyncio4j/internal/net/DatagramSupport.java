package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;

import java.util.function.Supplier;

/** UDP endpoints (asyncio's {@code _SelectorDatagramTransport}). STUB: issue 3. */
public final class DatagramSupport {
    private DatagramSupport() {
    }

    public static <P extends DatagramProtocol> Connection<DatagramTransport, P> createDatagramEndpoint(
            EventLoop loop, Supplier<P> factory, DatagramOptions options) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }
}
