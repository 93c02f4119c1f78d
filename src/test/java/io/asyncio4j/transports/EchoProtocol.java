package io.asyncio4j.transports;

import java.nio.ByteBuffer;

/**
 * The smallest useful server protocol: sends back every byte it receives and closes when the
 * peer closes its sending half. Used as the peer of the transport tests, and an example of a
 * {@link Protocol}: the data buffer is only valid during {@code dataReceived}, and
 * {@link Transport#write} copies what the socket does not take at once, so echoing it straight
 * back is safe.
 */
public class EchoProtocol implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        transport.write(data);
    }

    @Override
    public boolean eofReceived() {
        // Returning false lets the transport close once the echoed bytes are flushed.
        return false;
    }

    /** {@return the transport, once connected} */
    public Transport transport() {
        return transport;
    }
}
