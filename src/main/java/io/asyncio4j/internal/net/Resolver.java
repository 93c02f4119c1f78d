package io.asyncio4j.internal.net;

import io.asyncio4j.EventLoop;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the addresses callers give into connectable ones: literal IP addresses are parsed on the
 * spot (no lookup, as asyncio's {@code _ipaddr_info} shortcut), names go through
 * {@link SockOps#getaddrinfo} off the loop's thread.
 */
final class Resolver {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Resolver() {
    }

    /**
     * {@return the addresses to try for {@code address}, in resolver order} Suspends the current
     * task when a name must be looked up.
     *
     * @param loop the loop
     * @param address resolved, or unresolved with a host name or literal
     */
    static List<InetSocketAddress> resolve(EventLoop loop, InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return List.of(address);
        }
        String host = address.getHostString();
        InetAddress literal = literal(host);
        if (literal != null) {
            return List.of(new InetSocketAddress(literal, address.getPort()));
        }
        List<InetSocketAddress> all = SockOps.getaddrinfo(loop, host, address.getPort());
        if (all.isEmpty()) {
            throw io.asyncio4j.internal.Sneaky.rethrow(new UnknownHostException(host + ": no address"));
        }
        return all;
    }

    /**
     * {@return {@code host} parsed as an IPv4 or IPv6 literal, or {@code null} if it is a name}
     *
     * @param host the host
     */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(h).matches() && h.indexOf(':') < 0) {
            return null;
        }
        try {
            // getByName does not look literals up.
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address: " + host, e);
        }
    }

    static StandardProtocolFamily family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    /**
     * asyncio's {@code _interleave_addrinfos}: groups {@code addresses} by family (in order of first
     * appearance), puts {@code firstFamilyCount - 1} addresses of the first family first, then takes
     * one of each family in turn.
     *
     * @param addresses resolved addresses in resolver order
     * @param firstFamilyCount asyncio's {@code interleave} (>= 1)
     * @return the reordered list
     */
    static List<InetSocketAddress> interleave(List<InetSocketAddress> addresses, int firstFamilyCount) {
        java.util.Map<StandardProtocolFamily, java.util.ArrayDeque<InetSocketAddress>> byFamily =
                new java.util.LinkedHashMap<>();
        for (InetSocketAddress a : addresses) {
            byFamily.computeIfAbsent(family(a), f -> new java.util.ArrayDeque<>()).add(a);
        }
        List<java.util.ArrayDeque<InetSocketAddress>> queues = new java.util.ArrayList<>(byFamily.values());
        List<InetSocketAddress> out = new java.util.ArrayList<>(addresses.size());
        for (int i = 1; i < firstFamilyCount && !queues.isEmpty() && !queues.get(0).isEmpty(); i++) {
            out.add(queues.get(0).poll());
        }
        while (out.size() < addresses.size()) {
            for (java.util.ArrayDeque<InetSocketAddress> q : queues) {
                if (!q.isEmpty()) {
                    out.add(q.poll());
                }
            }
        }
        return out;
    }

    /**
     * asyncio's rule for failed attempts: one error (or several with the same message) is raised
     * as is; different errors become one naming them all.
     */
    static IOException combine(List<IOException> errors, SocketAddress remote) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        String first = errors.get(0).getMessage();
        if (errors.stream().allMatch(e -> java.util.Objects.equals(e.getMessage(), first))) {
            return errors.get(0);
        }
        StringBuilder sb = new StringBuilder("Multiple exceptions connecting to ").append(remote).append(": ");
        for (int i = 0; i < errors.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(errors.get(i).getMessage());
        }
        java.net.ConnectException ce = new java.net.ConnectException(sb.toString());
        ce.initCause(errors.get(0));
        for (int i = 1; i < errors.size(); i++) {
            ce.addSuppressed(errors.get(i));
        }
        return ce;
    }
}
