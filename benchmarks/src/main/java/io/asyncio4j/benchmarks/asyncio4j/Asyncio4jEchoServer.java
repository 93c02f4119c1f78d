package io.asyncio4j.benchmarks.asyncio4j;

import static io.asyncio4j.Asyncio.getRunningLoop;

import io.asyncio4j.Asyncio;
import io.asyncio4j.benchmarks.peers.Out;
import io.asyncio4j.reactor.AsyncioReactor;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.Server;
import io.asyncio4j.transports.ServerOptions;
import io.asyncio4j.transports.Transport;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * asyncio4j echo server for the echo suite, in three styles:
 * <ul>
 *   <li>{@code protocol}: {@code loop.createServer} with a {@link Protocol} that writes every
 *       chunk back (asyncio's {@code EchoProtocol});</li>
 *   <li>{@code streams}: {@code Asyncio.startServer}, a task per connection that reads a chunk
 *       ({@code read(102400)}, vmbench's size), writes it and drains;</li>
 *   <li>{@code streams-into}: the same loop with {@code readInto} and one reused buffer per
 *       connection, so nothing is allocated or copied per message;</li>
 *   <li>{@code flux}: streams bridged to Reactor — the reader as {@code Flux<ByteBuffer>} piped
 *       straight into the writer.</li>
 * </ul>
 *
 * <p>With {@code --keystore server.p12} (PKCS12, password {@code --password}, default
 * {@code changeit}) it is the tls suite's server: the same code over TLS, through
 * {@code ServerOptions.withSsl} (asyncio's {@code ssl=} argument of {@code create_server} /
 * {@code start_server}) with the JDK's {@code SSLEngine}. The harness pins TLS 1.3 and the
 * cipher suite from the client side and with {@code -Djdk.tls.server.cipherSuites}.
 *
 * <p>Usage: {@code --port P [--mode protocol|streams|streams-into|flux] [--keystore F [--password S]]};
 * listens on 127.0.0.1 until killed.
 */
public final class Asyncio4jEchoServer {
    private Asyncio4jEchoServer() {}

    /** Bytes asked for per read in the stream servers: vmbench's {@code reader.read(102400)}. */
    static final int READ_SIZE = 102400;

    /** Writes every chunk back; the transport buffers what the socket does not take at once. */
    static final class EchoProtocol implements Protocol {
        private Transport transport;

        @Override
        public void connectionMade(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            transport.write(data); // the buffer is reused after this call: write must copy what it keeps
        }

        @Override
        public void connectionLost(Throwable exc) {
            transport = null;
        }
    }

    public static void main(String[] args) {
        Map<String, String> o = Out.options(args);
        int port = Out.intOption(o, "port", 25000);
        String mode = o.getOrDefault("mode", "protocol");
        SSLContext tls = o.containsKey("keystore") ? tlsContext(Path.of(o.get("keystore")), o.getOrDefault("password", "changeit")) : null;
        ServerOptions options = tls == null ? ServerOptions.DEFAULT : ServerOptions.DEFAULT.withSsl(tls);
        Asyncio.run(() -> {
            Server server = switch (mode) {
                case "protocol" -> getRunningLoop().createServer(EchoProtocol::new, "127.0.0.1", port, options);
                case "streams" -> Asyncio.startServer(Asyncio4jEchoServer::echoStreams, "127.0.0.1", port, options);
                case "streams-into" -> Asyncio.startServer(Asyncio4jEchoServer::echoStreamsInto, "127.0.0.1", port, options);
                case "flux" -> Asyncio.startServer(Asyncio4jEchoServer::echoFlux, "127.0.0.1", port, options);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            };
            System.err.println("asyncio4j-" + mode + (tls == null ? "" : " TLS") + " echo server on 127.0.0.1:" + port);
            server.serveForever(); // the harness ends the process with SIGTERM
            return null;
        });
    }

    /** A server context from a PKCS12 key store (the key and its self-signed certificate). */
    static SSLContext tlsContext(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS key store " + keystore, e);
        }
    }

    static void echoStreams(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            while (true) {
                byte[] chunk = reader.read(READ_SIZE);
                if (chunk.length == 0) break;
                writer.write(chunk);
                writer.drain();
            }
        } finally {
            writer.close();
        }
    }

    static void echoStreamsInto(StreamReader reader, StreamWriter writer) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(READ_SIZE);
        try {
            while (reader.readInto(buf.clear()) > 0) {
                writer.write(buf.flip()); // write copies only what the socket does not take at once
                writer.drain();
            }
        } finally {
            writer.close();
        }
    }

    static void echoFlux(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            // The reader as Flux<ByteBuffer> piped into the writer; awaited, never blocked on.
            AsyncioReactor.await(AsyncioReactor.writeTo(writer, AsyncioReactor.bytes(reader, READ_SIZE)));
        } finally {
            writer.close();
        }
    }
}
