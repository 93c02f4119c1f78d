package io.asyncio4j.streams;

/** asyncio's {@code asyncio.StreamReader}. STUB: implemented by the streams work (issue 3). */
public class StreamReader {
}
