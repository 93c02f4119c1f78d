package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.Server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Demo: a line echo server with {@code start_server}. By default it starts, lets three clients
 * ({@link EchoClient}) talk to it concurrently, and stops; {@code --serve [PORT]} keeps it serving
 * until Ctrl-C (try {@code nc 127.0.0.1 PORT}).
 */
public final class EchoServer {
    private EchoServer() {
    }

    static void handle(StreamReader reader, StreamWriter writer) {
        Object peer = writer.getExtraInfo("peername");
        try {
            for (byte[] line : reader.lines()) {
                writer.write(line);
                writer.drain();
            }
        } finally {
            writer.close();
        }
        System.out.println("server: " + peer + " disconnected");
    }

    /**
     * Runs the demo.
     *
     * @param args {@code --serve [PORT]} to keep serving
     */
    public static void main(String[] args) {
        boolean serve = args.length > 0 && args[0].equals("--serve");
        int port = serve && args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Asyncio.run(() -> {
            Server server = Asyncio.startServer(EchoServer::handle, "127.0.0.1", port);
            int actual = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            System.out.println("echo server on 127.0.0.1:" + actual);
            if (serve) {
                Task<?> main = Asyncio.currentTask();
                Asyncio.getRunningLoop().addSignalHandler("INT", main::cancel);
                try {
                    server.serveForever();
                } catch (io.asyncio4j.CancelledError e) {
                    System.out.println("stopped by Ctrl-C");
                }
                return null;
            }
            List<Task<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                String name = "client-" + c;
                clients.add(Asyncio.createTask(() -> EchoClient.talk("127.0.0.1", actual, List.of(
                        name + " says hello", name + " says asyncio4j", name + " says bye"))));
            }
            for (Task<List<String>> t : clients) {
                for (String echo : t.await()) {
                    System.out.println("echoed: " + echo);
                }
            }
            server.close();
            server.waitClosed();
            System.out.println("server closed");
            return null;
        });
    }

    static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).stripTrailing();
    }
}
