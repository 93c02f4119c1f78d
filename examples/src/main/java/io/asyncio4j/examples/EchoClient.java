package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.transports.Server;

import java.net.InetSocketAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Demo: a line echo client with {@code open_connection}: sends each message as a line, reads the
 * echo back. {@code echo-client HOST PORT MESSAGE...} talks to any echo server; without arguments it
 * starts one of its own (for instance
 * {@code examples/run echo-server --serve 8888}).
 */
public final class EchoClient {
    private EchoClient() {
    }

    static List<String> talk(String host, int port, List<String> messages) {
        StreamPair conn = Asyncio.openConnection(host, port);
        List<String> echoes = new ArrayList<>();
        try {
            for (String m : messages) {
                conn.writer().write((m + "\n").getBytes(StandardCharsets.UTF_8));
                conn.writer().drain();
                echoes.add(EchoServer.text(conn.reader().readline()));
            }
            conn.writer().writeEof();
            conn.reader().read();   // wait for the server to close its side
        } finally {
            conn.writer().close();
            conn.writer().waitClosed();
        }
        return echoes;
    }

    /**
     * Runs the client: against {@code HOST PORT} if given, else against an echo server of its own.
     *
     * @param args {@code [HOST PORT MESSAGE...]}
     */
    public static void main(String[] args) {
        List<String> messages = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("hello", "world");
        List<String> echoes = Asyncio.run(() -> {
            if (args.length >= 2) {
                return talk(args[0], Integer.parseInt(args[1]), messages);
            }
            Server server = Asyncio.startServer(EchoServer::handle, "127.0.0.1", 0);
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            System.out.println("no HOST PORT given: talking to a local echo server on port " + port);
            try {
                return talk("127.0.0.1", port, messages);
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        echoes.forEach(e -> System.out.println("echoed: " + e));
    }
}
