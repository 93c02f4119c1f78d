package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.transports.Connection;
import io.asyncio4j.transports.DatagramOptions;
import io.asyncio4j.transports.DatagramProtocol;
import io.asyncio4j.transports.DatagramTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static io.asyncio4j.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ports of CPython 3.13 {@code test_events.py} datagram cases not covered elsewhere. */
@ExtendWith(LoopExtension.class)
class DatagramPortTest {
    /** Records the next datagram it receives. */
    static final class Receiver implements DatagramProtocol {
        private final EventLoop loop;
        private Future<String> next;

        Receiver(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void datagramReceived(ByteBuffer data, SocketAddress address) {
            if (next != null && !next.done()) {
                next.setResult(StandardCharsets.US_ASCII.decode(data).toString());
            }
        }

        String waitForDatagram() {
            next = loop.createFuture();
            String got = next.await();
            next = null;
            return got;
        }
    }

    private static Connection<DatagramTransport, Receiver> endpoint(EventLoop loop) {
        return loop.createDatagramEndpoint(() -> new Receiver(loop),
                DatagramOptions.local(new InetSocketAddress("127.0.0.1", 0)));
    }

    private static SocketAddress address(Connection<DatagramTransport, Receiver> c) {
        return (SocketAddress) c.transport().getExtraInfo("sockname");
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Ports test_events.py EventLoopTestsMixin.test_datagram_send_to_non_listening_address: after
     * sending to an address nobody listens on, an endpoint still receives datagrams.
     */
    @Test
    void endpointStillReceivesAfterSendingToANonListeningAddress(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Connection<DatagramTransport, Receiver> one = endpoint(loop);
            Connection<DatagramTransport, Receiver> two = endpoint(loop);
            Connection<DatagramTransport, Receiver> three = endpoint(loop);
            SocketAddress addr1 = address(one);
            SocketAddress addr2 = address(two);
            SocketAddress addr3 = address(three);
            three.transport().abort();

            one.transport().sendto(bytes("a"), addr2);
            assertEquals("a", two.protocol().waitForDatagram());
            two.transport().sendto(bytes("b"), addr1);
            assertEquals("b", one.protocol().waitForDatagram());

            one.transport().sendto(bytes("c"), addr3);
            sleep(0);

            two.transport().sendto(bytes("d"), addr1);
            assertEquals("d", one.protocol().waitForDatagram());
            one.transport().close();
            two.transport().close();
            return null;
        });
    }
}
