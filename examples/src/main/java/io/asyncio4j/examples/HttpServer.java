package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.Server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The examples' embedded HTTP/1.1 server, written with asyncio4j's own {@code startServer}: the
 * tutorial fetched public web sites, and this machine is offline. {@code GET /delay/S/NAME}
 * answers after S seconds (scaled by {@link Pace}); {@code GET /flaky/N/NAME} answers
 * {@code 503 Service Unavailable} to its first N requests, then 200; any other path answers at
 * once. Every answer is a small HTML page and {@code Connection: close}.
 */
public final class HttpServer implements AutoCloseable {
    private final Server server;
    private int served;
    private final java.util.Map<String, Integer> hits = new java.util.HashMap<>();

    private HttpServer(Server server) {
        this.server = server;
    }

    /**
     * Starts the server on 127.0.0.1 and an ephemeral port; call inside a task.
     *
     * @return the running server
     */
    public static HttpServer start() {
        HttpServer[] self = new HttpServer[1];
        Server s = Asyncio.startServer((r, w) -> self[0].handle(r, w), "127.0.0.1", 0);
        self[0] = new HttpServer(s);
        return self[0];
    }

    /** {@return the base URL, e.g. {@code http://127.0.0.1:40123}} */
    public String url() {
        InetSocketAddress address;
        try {
            address = (InetSocketAddress) server.sockets().get(0).getLocalAddress();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the server socket is closed", e);
        }
        return "http://127.0.0.1:" + address.getPort();
    }

    /** {@return how many requests were answered} */
    public int served() {
        return served;
    }

    private void handle(StreamReader reader, StreamWriter writer) {
        try {
            String requestLine = new String(reader.readline(), StandardCharsets.ISO_8859_1).trim();
            // Skip the headers: the request ends at the first empty line.
            for (byte[] line : reader.lines()) {
                if (line.length <= 2) {
                    break;
                }
            }
            String[] parts = requestLine.split(" ");
            String path = parts.length > 1 ? parts[1] : "/";
            if (path.startsWith("/delay/")) {
                String[] p = path.split("/");
                Asyncio.sleep(Pace.seconds(Double.parseDouble(p[2])));
            }
            String status = "200 OK";
            if (path.startsWith("/flaky/")) {
                int failures = Integer.parseInt(path.split("/")[2]);
                if (hits.merge(path, 1, Integer::sum) <= failures) {
                    status = "503 Service Unavailable";
                }
            }
            byte[] body = ("<html><body><h1>asyncio4j example server</h1><p>you asked for " + path
                    + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
            writer.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            writer.write(body);
            writer.drain();
            served++;
        } catch (CancelledError e) {
            throw e;
        } catch (Exception e) {
            // An IOException means the client went away first (it timed out and closed): nobody to tell.
            if (!(e instanceof java.io.IOException)) {
                System.err.println("example server: " + e);
            }
        } finally {
            writer.close();
        }
    }

    /** Stops listening and waits until the open connections are gone. */
    @Override
    public void close() {
        server.close();
        server.waitClosed();
    }
}
