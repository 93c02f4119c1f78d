package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.subprocess.SubprocessOptions;
import io.asyncio4j.transports.ConnectOptions;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.SubprocessProtocol;
import io.asyncio4j.transports.Protocol;
import io.asyncio4j.transports.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Ports of CPython 3.13's argument checks of {@code create_connection}, {@code create_server} and
 * their Unix-socket twins ({@code test_base_events.py}, {@code test_unix_events.py}): contradictory
 * options fail with {@link IllegalArgumentException} (asyncio's ValueError) before any I/O.
 */
@ExtendWith(LoopExtension.class)
class NetArgumentsPortTest {
    private static final Path NOWHERE = Path.of("/nonexistent-asyncio4j-test/socket");

    private static Protocol protocol() {
        return new Protocol() {
        };
    }

    private static void fails(EventLoop loop, Runnable call) {
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(() -> {
            call.run();
            return null;
        }));
    }

    /** Ports test_base_events.py BaseEventLoopWithSelectorTests.test_create_connection_no_ssl_server_hostname_errors. */
    @Test
    void serverHostnameWithoutTlsIsRefused(EventLoop loop) {
        fails(loop, () -> loop.createConnection(NetArgumentsPortTest::protocol, "localhost", 1,
                new ConnectOptions(null, "", null, null, null)));
        fails(loop, () -> loop.createConnection(NetArgumentsPortTest::protocol, "localhost", 1,
                new ConnectOptions(null, "python.org", null, null, null)));
    }

    /** Ports test_unix_events.py SelectorEventLoopUnixSocketTests.test_create_unix_connection_nossl_serverhost. */
    @Test
    void unixServerHostnameWithoutTlsIsRefused(EventLoop loop) {
        fails(loop, () -> loop.createUnixConnection(NetArgumentsPortTest::protocol, NOWHERE,
                new ConnectOptions(null, "spam", null, null, null)));
    }

    /** Ports test_unix_events.py SelectorEventLoopUnixSocketTests.test_create_unix_connection_ssl_timeout_with_plain_sock. */
    @Test
    void unixHandshakeTimeoutWithoutTlsIsRefused(EventLoop loop) {
        fails(loop, () -> loop.createUnixConnection(NetArgumentsPortTest::protocol, NOWHERE,
                new ConnectOptions(null, null, null, 1.0, null)));
    }

    /** Ports test_unix_events.py SelectorEventLoopUnixSocketTests.test_create_unix_server_ssl_timeout_with_plain_sock. */
    @Test
    void unixServerHandshakeTimeoutWithoutTlsIsRefused(EventLoop loop) {
        fails(loop, () -> loop.createUnixServer(NetArgumentsPortTest::protocol, NOWHERE,
                new ServerOptions(100, null, true, false, true, 1.0, null)));
    }

    /** Ports test_base_events.py BaseEventLoopWithSelectorTests.test_create_datagram_endpoint_noaddr_nofamily. */
    @Test
    void datagramEndpointWithoutAnyAddressIsRefused(EventLoop loop) {
        fails(loop, () -> loop.createDatagramEndpoint(() -> new DatagramProtocol() {
        }, new DatagramOptions(null, null, false, false)));
    }

    /**
     * Ports test_base_events.py BaseEventLoopTests.test_subprocess_exec_invalid_args, its one case
     * Java's types allow: no program at all (the others pass non-strings or Popen-only keywords).
     */
    @Test
    void subprocessWithoutAProgramIsRefused(EventLoop loop) {
        fails(loop, () -> loop.subprocessExec(() -> new SubprocessProtocol() {
        }, List.of(), SubprocessOptions.DEFAULT));
    }

    /** Ports test_events.py EventLoopTestsMixin.test_connect_accepted_socket_ssl_timeout_for_plain_socket. */
    @Test
    void acceptedSocketHandshakeTimeoutWithoutTlsIsRefused(EventLoop loop) throws Exception {
        try (SocketChannel sock = SocketChannel.open()) {
            fails(loop, () -> loop.connectAcceptedSocket(NetArgumentsPortTest::protocol, sock,
                    new ConnectOptions(null, null, null, 1.0, null)));
        }
    }

    /**
     * Ports test_base_events.py BaseEventLoopWithSelectorTests.test_create_connection_ssl_server_hostname_errors:
     * TLS without a host needs an explicit serverHostname (asyncio's ValueError), refused before
     * any connection is attempted.
     */
    @Test
    void tlsWithoutHostNeedsAServerHostname(EventLoop loop) throws Exception {
        ConnectOptions tls = ConnectOptions.DEFAULT.withSsl(SSLContext.getDefault());
        for (String host : new String[] {"", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(() -> loop.createConnection(NetArgumentsPortTest::protocol, host, 80, tls)));
            assertEquals("You must set serverHostname when using ssl without a host", e.getMessage());
        }
    }

    /**
     * Ports test_unix_events.py SelectorEventLoopUnixSocketTests.test_create_unix_connection_ssl_noserverhost:
     * TLS over a Unix socket needs a serverHostname, refused before connecting.
     */
    @Test
    void unixTlsNeedsAServerHostname(EventLoop loop) throws Exception {
        ConnectOptions tls = ConnectOptions.DEFAULT.withSsl(SSLContext.getDefault());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loop.runUntilComplete(() -> loop.createUnixConnection(NetArgumentsPortTest::protocol, NOWHERE, tls)));
        assertEquals("you have to pass serverHostname when using ssl", e.getMessage());
    }
}
