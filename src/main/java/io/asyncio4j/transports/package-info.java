/**
 * The low-level network layer: asyncio's {@code asyncio.transports} and {@code asyncio.protocols}.
 *
 * <p>A transport ({@link io.asyncio4j.transports.Transport},
 * {@link io.asyncio4j.transports.DatagramTransport},
 * {@link io.asyncio4j.transports.SubprocessTransport}) owns a socket or pipe and calls a protocol
 * ({@link io.asyncio4j.transports.Protocol}, {@link io.asyncio4j.transports.BufferedProtocol},
 * {@link io.asyncio4j.transports.DatagramProtocol},
 * {@link io.asyncio4j.transports.SubprocessProtocol}) back on the event loop's thread. The loop's
 * {@code createConnection}, {@code createServer} and {@code createDatagramEndpoint} take the option
 * records of this package ({@link io.asyncio4j.transports.ConnectOptions},
 * {@link io.asyncio4j.transports.ServerOptions}, {@link io.asyncio4j.transports.DatagramOptions},
 * {@link io.asyncio4j.transports.TlsOptions}) where asyncio takes keyword arguments.
 */
package io.asyncio4j.transports;
