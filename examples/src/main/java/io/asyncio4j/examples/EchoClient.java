package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.StreamPair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Demo: a line echo client with {@code open_connection}: sends each message as a line, reads the
 * echo back. {@code echo-client HOST PORT MESSAGE...} talks to any echo server (for instance
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
     * Runs the client.
     *
     * @param args HOST PORT MESSAGE...
     */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: examples/run echo-client HOST PORT MESSAGE...");
            System.exit(2);
        }
        List<String> echoes = Asyncio.run(() -> talk(args[0], Integer.parseInt(args[1]),
                Arrays.asList(args).subList(2, args.length)));
        echoes.forEach(e -> System.out.println("echoed: " + e));
    }
}
