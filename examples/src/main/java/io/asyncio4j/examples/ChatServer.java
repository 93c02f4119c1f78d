package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.Server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Demo: a chat server. Each client first sends its name, then every line it sends is broadcast to
 * the others; SIGINT shuts the server down cleanly (everyone is told, connections are closed,
 * the server waits for them). By default three bot clients chat and the demo sends itself SIGINT;
 * {@code --serve [PORT]} waits for real clients ({@code nc 127.0.0.1 PORT}) and a real Ctrl-C.
 *
 * <p>All state (the map of clients) is touched only by tasks of one loop: no locks.
 */
public final class ChatServer {
    private final Map<String, StreamWriter> clients = new LinkedHashMap<>();

    private ChatServer() {
    }

    private void broadcast(String from, String text) {
        byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, StreamWriter> c : clients.entrySet()) {
            if (!c.getKey().equals(from) && !c.getValue().isClosing()) {
                c.getValue().write(line);
            }
        }
    }

    private void serve(StreamReader reader, StreamWriter writer) {
        String name = EchoServer.text(reader.readline());
        if (name.isEmpty()) {
            writer.close();
            return;
        }
        clients.put(name, writer);
        broadcast(name, "* " + name + " joined");
        try {
            for (byte[] line : reader.lines()) {
                broadcast(name, "[" + name + "] " + EchoServer.text(line));
            }
        } finally {
            clients.remove(name);
            broadcast(name, "* " + name + " left");
            writer.close();
        }
    }

    private void shutdown(Server server) {
        System.out.println("server: shutting down");
        server.close();
        broadcast(null, "* server shutting down, bye");
        for (StreamWriter w : clients.values()) {
            w.close();
        }
    }

    /**
     * Runs the demo.
     *
     * @param args {@code --serve [PORT]} to wait for real clients
     */
    public static void main(String[] args) {
        boolean serve = args.length > 0 && args[0].equals("--serve");
        int port = serve && args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            ChatServer chat = new ChatServer();
            Server server = Asyncio.startServer(chat::serve, "127.0.0.1", port);
            int actual = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            System.out.println("chat server on 127.0.0.1:" + actual);
            loop.addSignalHandler("INT", () -> chat.shutdown(server));
            if (serve) {
                server.waitClosed();
                return null;
            }
            List<Task<List<String>>> bots = new ArrayList<>();
            for (String name : List.of("alice", "bob", "carol")) {
                bots.add(Asyncio.createTask(() -> bot(actual, name, List.of("hi, I am " + name))));
                Asyncio.sleep(Pace.seconds(0.2));   // join one after the other
            }
            Asyncio.sleep(Pace.seconds(0.5));
            SelfSignal.send("INT");
            server.waitClosed();
            loop.removeSignalHandler("INT");
            for (int i = 0; i < bots.size(); i++) {
                for (String line : bots.get(i).await()) {
                    System.out.println(List.of("alice", "bob", "carol").get(i) + " saw: " + line);
                }
            }
            System.out.println("server closed, " + chat.clients.size() + " clients left");
            return null;
        });
    }

    /** A scripted client: joins, says its lines, then records what it hears until the server closes. */
    private static List<String> bot(int port, String name, List<String> lines) {
        StreamPair conn = Asyncio.openConnection("127.0.0.1", port);
        List<String> heard = new ArrayList<>();
        try {
            conn.writer().write((name + "\n").getBytes(StandardCharsets.UTF_8));
            for (String l : lines) {
                conn.writer().write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
            conn.writer().drain();
            for (byte[] line : conn.reader().lines()) {
                heard.add(EchoServer.text(line));
            }
        } catch (CancelledError e) {
            throw e;
        } catch (Exception e) {
            heard.add("error: " + e);
        } finally {
            conn.writer().close();
        }
        return heard;
    }
}
