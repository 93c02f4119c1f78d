package io.asyncio4j.transports;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.internal.net.tls.TestCerts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static io.asyncio4j.transports.NetTesting.port;
import static io.asyncio4j.transports.NetTesting.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * loop.sendfile (asyncio's loop.sendfile): ports test_sendfile.py SendfileMixin over real
 * loopback connections, plain (native transferTo) and TLS (the read-and-write fallback). The
 * tests that force the fallback on a plain transport by patching loop._sendfile_native run on
 * TLS instead, where the fallback is the only way.
 */
@io.asyncio4j.test.LoopConfig(checkLeaks = true)
class SendfileTest {
    private static final byte[] DATA = new byte[1024 * 17 * 64 + 1];
    private static final int BUF_SIZE = 4 * 1024;

    static {
        Arrays.fill(DATA, (byte) 'x');
    }

    /** test_sendfile.py's MySendfileProto. */
    static final class SendfileProto implements Protocol {
        final Future<Void> done = Asyncio.getRunningLoop().createFuture();
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final int closeAfter;
        /** Closes the socket at once, as closing a plain socket does (a TLS close waits for the peer). */
        boolean abort;
        Transport transport;
        String state = "INITIAL";

        SendfileProto(int closeAfter) {
            this.closeAfter = closeAfter;
        }

        private void assertState(String... expected) {
            assertTrue(Arrays.asList(expected).contains(state), "state " + state + ", expected " + Arrays.toString(expected));
        }

        @Override
        public void connectionMade(Transport t) {
            assertState("INITIAL");
            transport = t;
            state = "CONNECTED";
        }

        @Override
        public boolean eofReceived() {
            assertState("CONNECTED");
            state = "EOF";
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            assertState("CONNECTED", "EOF");
            state = "CLOSED";
            done.setResult(null);
        }

        @Override
        public void dataReceived(ByteBuffer b) {
            assertState("CONNECTED");
            byte[] a = new byte[b.remaining()];
            b.get(a);
            data.writeBytes(a);
            if (closeAfter > 0 && data.size() >= closeAfter) {
                if (abort) {
                    transport.abort();
                } else {
                    transport.close();
                }
            }
        }

        int nbytes() {
            return data.size();
        }
    }

    /** SendfileMixin.prepare_sendfile: a server protocol, a client protocol, and the server. */
    private record Pair(SendfileProto srv, SendfileProto cli, Server server) {
        /** prepare_sendfile's cleanup. */
        void cleanup() {
            srv.transport.close();
            cli.transport.close();
            srv.done.await();
            cli.done.await();
            server.close();
        }
    }

    private static Pair prepare(boolean tls, int closeAfter) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SendfileProto srv = new SendfileProto(closeAfter);
        ServerOptions so = tls ? ServerOptions.DEFAULT.withSsl(TestCerts.serverContext()) : ServerOptions.DEFAULT;
        Server server = loop.createServer(() -> srv, "127.0.0.1", 0, so);
        if (closeAfter > 0) {
            // CPython's reduce_receive_buffer_size: the peer must not swallow the whole file
            // before it closes.
            for (NetworkChannel s : server.sockets()) {
                s.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
            }
        }
        ConnectOptions co = tls
                ? ConnectOptions.DEFAULT.withSsl(TestCerts.clientContext()).withServerHostname("localhost")
                : ConnectOptions.DEFAULT;
        SendfileProto cli = loop.createConnection(() -> new SendfileProto(0), "127.0.0.1", port(server), co).protocol();
        // CPython's reduce_send_buffer_size.
        ((SocketChannel) cli.transport.getExtraInfo("socket")).setOption(StandardSocketOptions.SO_SNDBUF, BUF_SIZE);
        while (srv.transport == null) {
            Asyncio.sleep(0);
        }
        return new Pair(srv, cli, server);
    }

    private static FileChannel file() throws IOException {
        Path p = Files.createTempFile("asyncio4j-sendfile", ".bin");
        Files.write(p, DATA);
        return FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void sendsTheWholeFile(boolean tls) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(tls, 0);
                long ret = loop.sendfile(p.cli.transport, file);
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals(DATA.length, ret);
                assertEquals(DATA.length, p.srv.nbytes());
                assertArrayEquals(DATA, p.srv.data.toByteArray());
                assertEquals(DATA.length, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile
    @Test
    void sendfile() {
        sendsTheWholeFile(false);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_ssl
    // test_sendfile.py: SendfileMixin.test_sendfile_force_fallback (TLS has only the fallback)
    @Test
    void sendfileTls() {
        sendsTheWholeFile(true);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_not_supported
    @Test
    void notSupportedForAForeignTransport() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Transport foreign = (Transport) Proxy.newProxyInstance(Transport.class.getClassLoader(),
                    new Class<?>[] {Transport.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "isClosing" -> false;
                        case "toString" -> "ForeignTransport";
                        default -> throw new AssertionError("unexpected call " + m.getName());
                    });
            try (FileChannel file = file()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.sendfile(foreign, file));
                assertTrue(e.getMessage().contains("not supported"), e.getMessage());
                assertEquals(0, file.position());
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_for_closing_transp
    @Test
    void closingTransport() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(false, 0);
                p.cli.transport.close();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.sendfile(p.cli.transport, file));
                assertTrue(e.getMessage().contains("is closing"), e.getMessage());
                p.srv.done.await();
                assertEquals(0, p.srv.nbytes());
                assertEquals(0, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    private static void preAndPostData(boolean tls) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            byte[] prefix = "PREFIX__".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            byte[] suffix = "--SUFFIX".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            try (FileChannel file = file()) {
                Pair p = prepare(tls, 0);
                p.cli.transport.write(prefix);
                long ret = loop.sendfile(p.cli.transport, file);
                p.cli.transport.write(suffix);
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals(DATA.length, ret);
                assertArrayEquals(concat(prefix, DATA, suffix), p.srv.data.toByteArray());
                assertEquals(DATA.length, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_pre_and_post_data
    @Test
    void preAndPostData() {
        preAndPostData(false);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_ssl_pre_and_post_data
    @Test
    void preAndPostDataTls() {
        preAndPostData(true);
    }

    private static void partial(boolean tls) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(tls, 0);
                long ret = loop.sendfile(p.cli.transport, file, 1000, 100L, true);
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals(100, ret);
                assertEquals(100, p.srv.nbytes());
                assertArrayEquals(Arrays.copyOfRange(DATA, 1000, 1100), p.srv.data.toByteArray());
                assertEquals(1100, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_partial
    @Test
    void partial() {
        partial(false);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_ssl_partial
    @Test
    void partialTls() {
        partial(true);
    }

    private static void closePeerAfterReceiving(boolean tls) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(tls, DATA.length);
                long ret = loop.sendfile(p.cli.transport, file);
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals(DATA.length, ret);
                assertArrayEquals(DATA, p.srv.data.toByteArray());
                assertEquals(DATA.length, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_close_peer_after_receiving
    @Test
    void closePeerAfterReceiving() {
        closePeerAfterReceiving(false);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_ssl_close_peer_after_receiving
    @Test
    void closePeerAfterReceivingTls() {
        closePeerAfterReceiving(true);
    }

    /**
     * A TLS server protocol that closes its transport inside dataReceived gets each byte once:
     * the close used to read the plaintext buffer again and hand its last record over twice.
     */
    @Test
    void tlsCloseInsideDataReceivedDeliversEachByteOnce() {
        run(() -> {
            Pair p = prepare(true, DATA.length);
            for (int i = 0; i < DATA.length; i += 16384) {
                p.cli.transport.write(Arrays.copyOfRange(DATA, i, Math.min(DATA.length, i + 16384)));
            }
            p.srv.done.await();
            assertArrayEquals(DATA, p.srv.data.toByteArray());
            p.cleanup();
            return null;
        });
    }

    private static void closePeerInTheMiddle(boolean tls) {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(tls, 1024);
                // A TLS close would wait for the client's close_notify, which the client, its
                // reading paused by sendfile, does not read: drop the connection instead.
                p.srv.abort = tls;
                Exception e = assertThrows(Exception.class, () -> loop.sendfile(p.cli.transport, file));
                assertInstanceOf(IOException.class, e, "a connection error, as asyncio's ConnectionError");
                p.srv.done.await();
                assertTrue(p.srv.nbytes() >= 1024 && p.srv.nbytes() < DATA.length, "received " + p.srv.nbytes());
                assertTrue(file.position() >= 1024 && file.position() < DATA.length, "position " + file.position());
                p.cli.done.await();
                assertTrue(p.cli.transport.isClosing());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_close_peer_in_the_middle_of_receiving
    @Test
    void closePeerInTheMiddleOfReceiving() {
        closePeerInTheMiddle(false);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_fallback_close_peer_in_the_middle_of_receiving
    @Test
    void fallbackClosePeerInTheMiddleOfReceiving() {
        closePeerInTheMiddle(true);
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_prevents_bare_write
    @Test
    void preventsBareWrite() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(false, 0);
                Future<Void> started = loop.createFuture();
                Task<Long> t = Asyncio.createTask(() -> {
                    started.setResult(null);
                    return loop.sendfile(p.cli.transport, file);
                });
                started.await();
                Asyncio.sleep(0); // let the send start and block on the small socket buffer
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.cli.transport.write("data"));
                assertTrue(e.getMessage().contains("sendfile is in progress"), e.getMessage());
                assertEquals(DATA.length, t.await());
                p.cleanup();
            }
            return null;
        });
    }

    // test_sendfile.py: SendfileMixin.test_sendfile_no_fallback_for_fallback_transport
    // test_sendfile.py: SendfileMixin.test_sendfile_force_unsupported_native
    @Test
    void noFallbackForAFallbackTransport() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(true, 0);
                SendfileNotAvailableError e = assertThrows(SendfileNotAvailableError.class,
                        () -> loop.sendfile(p.cli.transport, file, 0, null, false));
                assertTrue(e.getMessage().contains("not supported"), e.getMessage());
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals(0, p.srv.nbytes());
                assertEquals(0, file.position());
                p.cleanup();
            }
            return null;
        });
    }

    // test_base_events.py-style argument checks of loop.sendfile (offset, count)
    @Test
    void badOffsetOrCountLosesNothing() {
        run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            try (FileChannel file = file()) {
                Pair p = prepare(false, 0);
                IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                        () -> loop.sendfile(p.cli.transport, file, -1, null, true));
                assertTrue(e1.getMessage().contains("offset must be a non-negative integer"), e1.getMessage());
                IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                        () -> loop.sendfile(p.cli.transport, file, 0, 0L, true));
                assertTrue(e2.getMessage().contains("count must be a positive integer"), e2.getMessage());
                assertFalse(p.cli.transport.isClosing());
                assertTrue(p.cli.transport.isReading());
                p.cli.transport.write("still usable");
                p.cli.transport.close();
                p.srv.done.await();
                assertEquals("still usable", p.srv.data.toString(StandardCharsets.US_ASCII));
                assertEquals(0, file.position());
                p.cleanup();
            }
            return null;
        });
    }
}
