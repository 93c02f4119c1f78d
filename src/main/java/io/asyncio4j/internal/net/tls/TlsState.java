package io.asyncio4j.internal.net.tls;

/**
 * The states of a TLS connection, as in asyncio's {@code sslproto.SSLProtocolState}:
 *
 * <pre>
 * UNWRAPPED --connectionMade--> DO_HANDSHAKE --done--> WRAPPED --close / close_notify / EOF-->
 *   FLUSHING --pending data read--> SHUTDOWN --peer's close_notify or EOF--> (raw close) UNWRAPPED
 * </pre>
 *
 * Any fatal error, {@code abort()} or loss of the raw connection goes straight to
 * {@code UNWRAPPED}.
 */
enum TlsState {
    /** No TLS yet, or no more TLS: before the raw connection is made and after it is lost. */
    UNWRAPPED,
    /** The handshake is running; application data is held back. */
    DO_HANDSHAKE,
    /** Application data flows both ways. */
    WRAPPED,
    /** Closing: the bytes already received are decrypted and delivered before close_notify. */
    FLUSHING,
    /** close_notify sent (or being sent); waiting for the peer's close_notify or EOF. */
    SHUTDOWN
}
