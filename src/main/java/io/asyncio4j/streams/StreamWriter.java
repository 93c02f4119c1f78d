package io.asyncio4j.streams;

/** asyncio's {@code asyncio.StreamWriter}. STUB: implemented by the streams work (issue 3). */
public class StreamWriter {
}
