package io.asyncio4j;

import java.util.Locale;

/**
 * How the tasks of this process run: the binding between a task's body and the event loop, fixed
 * once per process. asyncio has no counterpart (a Python coroutine is a generator, not a thread);
 * {@link Asyncio#strandMode()} reports the one in use and {@code -Dasyncio4j.strands=fast|portable|auto}
 * chooses it.
 */
public enum StrandMode {
    /**
     * Virtual threads whose scheduler is the event loop itself: a task switch is a continuation
     * yield on the loop's thread. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the
     * class path, or {@code --add-opens java.base/java.lang=io.asyncio4j} on the module path.
     */
    FAST,
    /**
     * Ordinary virtual threads that the loop hands a baton to, one at a time. Needs no JVM flag.
     */
    PORTABLE;

    /** {@return the value of {@code -Dasyncio4j.strands} that asks for this mode: "fast" or "portable"} */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
