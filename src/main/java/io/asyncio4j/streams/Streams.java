package io.asyncio4j.streams;

import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;

import java.nio.file.Path;

/**
 * asyncio's stream functions ({@code open_connection}, {@code start_server}, ...). They are also
 * reachable from {@link io.asyncio4j.Asyncio}. STUB: implemented by the streams work (issue 3).
 */
public final class Streams {
    /** asyncio's default buffer limit for StreamReader: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private Streams() {
    }

    private static UnsupportedOperationException notYet() {
        return new UnsupportedOperationException("not implemented yet (issue 3)");
    }

    public static StreamPair openConnection(String host, int port, ConnectOptions options, int limit) {
        throw notYet();
    }

    public static Server startServer(ClientConnected client, String host, int port, ServerOptions options, int limit) {
        throw notYet();
    }

    public static StreamPair openUnixConnection(Path path, ConnectOptions options, int limit) {
        throw notYet();
    }

    public static Server startUnixServer(ClientConnected client, Path path, ServerOptions options, int limit) {
        throw notYet();
    }
}
