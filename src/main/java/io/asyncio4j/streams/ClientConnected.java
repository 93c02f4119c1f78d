package io.asyncio4j.streams;

/** The per-connection callback of {@code start_server}; it runs as a new task. */
@FunctionalInterface
public interface ClientConnected {
    /**
     * Serves one client.
     *
     * @param reader the connection's reading half
     * @param writer the connection's writing half
     * @throws Exception anything; it is reported to the loop's exception handler
     */
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
