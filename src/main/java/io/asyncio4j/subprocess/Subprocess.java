package io.asyncio4j.subprocess;

/** asyncio's {@code asyncio.subprocess.Process}. STUB: implemented by issue 3. */
public class Subprocess {
}
