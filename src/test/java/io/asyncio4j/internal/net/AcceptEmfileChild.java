package io.asyncio4j.internal.net;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.Transport;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link AcceptEmfileChildJvmTest}, started under a low {@code ulimit -n}: it
 * runs a server, uses up every descriptor, connects one client (so the server's accept fails with
 * a real EMFILE), keeps the descriptors used up for 100 loop iterations, then frees some and
 * waits for the connection to be served. It prints one result line and exits 0 if it ran to the
 * end (the parent checks the figures). With the argument {@code localised} the accept error is
 * re-worded ("Trop de fichiers ouverts", as a French C library says EMFILE), so the server must
 * recognise it by probing for a free descriptor instead of by its text.
 */
public final class AcceptEmfileChild {
    private AcceptEmfileChild() {
    }

    /**
     * Runs the scenario.
     *
     * @param args {@code localised} to re-word the accept error, or nothing
     */
    public static void main(String[] args) {
        boolean localised = args.length > 0 && args[0].equals("localised");
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Double> errorTimes = new ArrayList<>();
        List<Double> madeAt = new ArrayList<>();
        List<Closeable> filler = new ArrayList<>();
        String result;
        try (EventLoop loop = Asyncio.newEventLoop()) {
            loop.setExceptionHandler((l, ctx) -> {
                errors.add(ctx);
                errorTimes.add(l.time());
            });
            result = loop.runUntilComplete(() -> {
                Server server = loop.createServer(() -> new Protocol() {
                    @Override
                    public void connectionMade(Transport t) {
                        madeAt.add(loop.time());
                        t.write(ByteBuffer.wrap("hi\n".getBytes(StandardCharsets.UTF_8)));
                    }
                }, "127.0.0.1", 0);
                int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
                if (localised) {
                    ((TcpServer) server).setAcceptor(s -> {
                        try {
                            return s.accept();
                        } catch (IOException e) {
                            throw new IOException("Trop de fichiers ouverts", e);
                        }
                    });
                }
                java.nio.channels.Pipe probe = java.nio.channels.Pipe.open(); // load the probe's classes while we can
                probe.source().close();
                probe.sink().close();
                // Warm up: a descriptor is needed to load a class, so run every path once first.
                StreamPair warm = Asyncio.openConnection("127.0.0.1", port);
                warm.reader().readline();
                warm.writer().close();
                warm.writer().waitClosed();
                loop.callExceptionHandler(Map.of("message", "warm-up", "exception", new IOException("warm-up")));
                Asyncio.sleep(0.01);
                errors.clear();
                errorTimes.clear();
                madeAt.clear();

                while (true) {
                    try {
                        filler.add(new FileInputStream("/dev/null"));
                    } catch (IOException emfile) {
                        break;
                    }
                }
                int filled = filler.size();
                filler.remove(filler.size() - 1).close(); // one for the client's socket
                StreamPair client = Asyncio.openConnection("127.0.0.1", port);
                while (errors.isEmpty()) {
                    Asyncio.sleep(0.001);
                }
                // Descriptors still used up and the listener still readable: no retry, no spin.
                for (int i = 0; i < 100; i++) {
                    Asyncio.sleep(0);
                }
                int errorsWhileFull = errors.size();
                boolean acceptedWhileFull = !madeAt.isEmpty();
                for (int i = 0; i < 8; i++) {
                    filler.remove(filler.size() - 1).close();
                }
                String line = new String(client.reader().readline(), StandardCharsets.UTF_8);
                client.writer().close();
                server.close();
                return String.format("RESULT filled=%d errorsWhileFull=%d acceptedWhileFull=%b errors=%d line=%s"
                                + " delay=%.3f message=%s exception=%s",
                        filled, errorsWhileFull, acceptedWhileFull, errors.size(), line.strip(),
                        madeAt.get(0) - errorTimes.get(0), errors.get(0).get("message"), errors.get(0).get("exception"));
            });
        } finally {
            for (Closeable c : filler) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }
        }
        System.out.println(result);
    }
}
