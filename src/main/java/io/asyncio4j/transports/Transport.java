package io.asyncio4j.transports;

/** A bidirectional stream transport (TCP, Unix socket, TLS): asyncio's {@code asyncio.Transport}. */
public interface Transport extends ReadTransport, WriteTransport {
}
