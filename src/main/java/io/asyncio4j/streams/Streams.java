package io.asyncio4j.streams;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * asyncio's stream functions ({@code open_connection}, {@code start_server},
 * {@code open_unix_connection}, {@code start_unix_server}), built on
 * {@link EventLoop#createConnection} and {@link EventLoop#createServer} with a
 * {@link StreamReaderProtocol}. They are also reachable from {@link Asyncio}.
 *
 * {@snippet :
 * Server server = Streams.startServer((reader, writer) -> {
 *     for (byte[] line : reader.lines()) {   // echo every line
 *         writer.write(line);
 *         writer.drain();
 *     }
 *     writer.close();
 * }, "127.0.0.1", 0, ServerOptions.DEFAULT, Streams.DEFAULT_LIMIT);
 * }
 *
 * <p>Threading: call them from a task on the running loop; they suspend it until connected or
 * listening.
 */
public final class Streams {
    /** asyncio's default buffer limit for StreamReader: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private Streams() {
    }

    /**
     * Connects over TCP (or TLS with {@code options.ssl()}) and returns the stream pair:
     * asyncio's {@code open_connection(host, port, limit=..., **kwds)}. Suspends the current task.
     *
     * @param host the host name or address
     * @param port the port
     * @param options asyncio's keyword arguments
     * @param limit the reader's buffer limit
     * @return the reader and writer
     */
    public static StreamPair openConnection(String host, int port, ConnectOptions options, int limit) {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamReader reader = new StreamReader(limit);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, loop);
        Connection<Transport, StreamReaderProtocol> c = loop.createConnection(() -> protocol, host, port, options);
        return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
    }

    /**
     * Starts a TCP server whose every connection runs {@code client} as a new task with its own
     * reader and writer: asyncio's {@code start_server(client_connected_cb, host, port, ...)}.
     * Suspends the current task until listening.
     *
     * @param client the per-connection callback
     * @param host the address to listen on ({@code null} for every interface)
     * @param port the port (0 for any free port)
     * @param options asyncio's keyword arguments
     * @param limit each reader's buffer limit
     * @return the server
     */
    public static Server startServer(ClientConnected client, String host, int port, ServerOptions options, int limit) {
        Objects.requireNonNull(client, "client");
        checkLimit(limit);
        EventLoop loop = Asyncio.getRunningLoop();
        return loop.createServer(() -> new StreamReaderProtocol(new StreamReader(limit), client, loop), host, port, options);
    }

    /**
     * Connects to a Unix domain socket: asyncio's {@code open_unix_connection(path)}.
     *
     * @param path the socket's path
     * @param options asyncio's keyword arguments
     * @param limit the reader's buffer limit
     * @return the reader and writer
     */
    public static StreamPair openUnixConnection(Path path, ConnectOptions options, int limit) {
        EventLoop loop = Asyncio.getRunningLoop();
        StreamReader reader = new StreamReader(limit);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, loop);
        Connection<Transport, StreamReaderProtocol> c = loop.createUnixConnection(() -> protocol, path, options);
        return new StreamPair(reader, new StreamWriter(c.transport(), protocol, reader, loop));
    }

    /**
     * Listens on a Unix domain socket: asyncio's {@code start_unix_server(cb, path)}.
     *
     * @param client the per-connection callback
     * @param path the socket's path
     * @param options asyncio's keyword arguments
     * @param limit each reader's buffer limit
     * @return the server
     */
    public static Server startUnixServer(ClientConnected client, Path path, ServerOptions options, int limit) {
        Objects.requireNonNull(client, "client");
        checkLimit(limit);
        EventLoop loop = Asyncio.getRunningLoop();
        return loop.createUnixServer(() -> new StreamReaderProtocol(new StreamReader(limit), client, loop), path, options);
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
    }
}
