package io.asyncio4j.internal.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Address handling for createConnection/createServer (test_base_events.py's create_connection cases). */
class ResolverTest {

    /** Ports test_base_events.py test_ipaddr_info: literals are parsed, never looked up. */
    @Test
    void literalsAreParsedNamesAreNot() throws Exception {
        assertEquals(InetAddress.getByName("127.0.0.1"), Resolver.literal("127.0.0.1"));
        assertEquals(InetAddress.getByName("::1"), Resolver.literal("::1"));
        assertEquals(InetAddress.getByName("::1"), Resolver.literal("[::1]"));
        assertNull(Resolver.literal("localhost"));
        assertNull(Resolver.literal("example.com"));
        assertThrows(IllegalArgumentException.class, () -> Resolver.literal("1:2:3:zz"));
    }

    /** A resolved address needs no lookup at all (no loop involved). */
    @Test
    void resolvedAddressIsUsedAsIs() {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 80);
        assertEquals(List.of(a), Resolver.resolve(null, a));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 81)),
                Resolver.resolve(null, InetSocketAddress.createUnresolved("127.0.0.1", 81)));
    }

    /** Ports test_base_events.py test_create_connection_multiple_errors and _multiple_errors_local_addr. */
    @Test
    void combiningErrors() {
        InetSocketAddress where = InetSocketAddress.createUnresolved("example", 1);
        IOException one = new ConnectException("refused");
        assertSame(one, Resolver.combine(List.of(one), where));
        IOException same = new ConnectException("refused");
        assertSame(one, Resolver.combine(List.of(one, same), where), "same message: the first error");
        IOException other = new IOException("unreachable");
        IOException multi = Resolver.combine(List.of(one, other), where);
        assertInstanceOf(ConnectException.class, multi);
        assertEquals("Multiple exceptions connecting to " + where + ": refused, unreachable", multi.getMessage());
        assertSame(one, multi.getCause());
        assertSame(other, multi.getSuppressed()[0]);
    }

    /**
     * asyncio's _interleave_addrinfos (base_events.py): by family in order of first appearance,
     * {@code n - 1} of the first family first, then alternating.
     */
    @Test
    void interleaveByFamily() throws Exception {
        InetSocketAddress a6 = new InetSocketAddress(InetAddress.getByName("::1"), 1);
        InetSocketAddress b6 = new InetSocketAddress(InetAddress.getByName("::2"), 1);
        InetSocketAddress c6 = new InetSocketAddress(InetAddress.getByName("::3"), 1);
        InetSocketAddress a4 = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 1);
        InetSocketAddress b4 = new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 1);
        List<InetSocketAddress> given = List.of(a6, b6, c6, a4, b4);
        assertEquals(List.of(a6, a4, b6, b4, c6), Resolver.interleave(given, 1));
        assertEquals(List.of(a6, b6, a4, c6, b4), Resolver.interleave(given, 2));
        assertEquals(List.of(a6, b6, c6, a4, b4), Resolver.interleave(given, 4));
        assertEquals(List.of(a4, a6, b4, b6, c6), Resolver.interleave(List.of(a4, b4, a6, b6, c6), 1));
        assertEquals(List.of(), Resolver.interleave(List.of(), 1));
    }
}
