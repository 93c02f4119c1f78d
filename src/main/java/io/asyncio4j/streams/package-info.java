/**
 * High-level TCP and Unix-socket streams: asyncio's {@code asyncio.streams}.
 *
 * <p>{@link io.asyncio4j.streams.Streams#openConnection} and
 * {@link io.asyncio4j.streams.Streams#startServer} mirror {@code open_connection} and
 * {@code start_server}; a connection is a {@link io.asyncio4j.streams.StreamReader} (with
 * {@code read}, {@code readline}, {@code readexactly}, {@code readuntil}) and a
 * {@link io.asyncio4j.streams.StreamWriter} (with {@code write}, {@code drain}, {@code close},
 * {@code waitClosed}). {@link io.asyncio4j.streams.StreamReaderProtocol} adapts them to the
 * protocol/transport layer in {@link io.asyncio4j.transports}.
 */
package io.asyncio4j.streams;
