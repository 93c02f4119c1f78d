package io.asyncio4j.internal.strand;

import io.asyncio4j.StrandMode;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides the process's {@link StrandMode} from {@code -Dasyncio4j.strands} and whether the JVM
 * allows fast strands, and says so once when it has to fall back to portable strands.
 */
public final class StrandModeChoice {
    /** The JVM flag that enables fast strands when asyncio4j is on the class path. */
    public static final String CLASS_PATH_FLAG = "--add-opens java.base/java.lang=ALL-UNNAMED";
    /** The JVM flag that enables fast strands when asyncio4j is on the module path. */
    public static final String MODULE_PATH_FLAG = "--add-opens java.base/java.lang=io.asyncio4j";

    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * {@return the mode for the property value {@code asked}}
     *
     * @param asked the value of {@code -Dasyncio4j.strands} ({@code null} means "auto")
     * @param fastAvailable whether the JVM lets the loop schedule virtual threads itself
     * @param unavailableReason why it does not, for the message
     * @throws IllegalStateException if {@code asked} is "fast" and fast strands are not available
     * @throws IllegalArgumentException if {@code asked} is not fast, portable or auto
     */
    public static StrandMode decide(String asked, boolean fastAvailable, String unavailableReason) {
        String value = asked == null ? "auto" : asked.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fast" -> {
                if (!fastAvailable) {
                    throw new IllegalStateException("-Dasyncio4j.strands=fast needs the JVM flag "
                            + CLASS_PATH_FLAG + " (class path) or " + MODULE_PATH_FLAG
                            + " (module path); add it, or use -Dasyncio4j.strands=portable or auto"
                            + " (cause: " + unavailableReason + ")");
                }
                yield StrandMode.FAST;
            }
            case "portable" -> StrandMode.PORTABLE;
            case "auto" -> fastAvailable ? StrandMode.FAST : StrandMode.PORTABLE;
            default -> throw new IllegalArgumentException(
                    "-Dasyncio4j.strands must be fast, portable or auto, not '" + asked + "'");
        };
    }

    /**
     * {@return whether choosing {@code chosen} for the property value {@code asked} is a silent
     * fall-back that deserves a warning} It is when fast strands were possible to ask for
     * ("auto") but the JVM did not allow them.
     *
     * @param asked the value of {@code -Dasyncio4j.strands} ({@code null} means "auto")
     * @param chosen the mode {@link #decide} chose
     */
    public static boolean isFallback(String asked, StrandMode chosen) {
        String value = asked == null ? "auto" : asked.trim().toLowerCase(Locale.ROOT);
        return value.equals("auto") && chosen == StrandMode.PORTABLE;
    }

    /**
     * Logs, the first time it is called on this instance, one WARNING saying that strands run in
     * portable mode and which JVM flag enables the fast mode.
     *
     * @param log where to log
     * @return whether this call logged
     */
    public boolean warnFallbackOnce(System.Logger log) {
        if (!warned.compareAndSet(false, true)) {
            return false;
        }
        log.log(System.Logger.Level.WARNING, "asyncio4j runs its tasks in portable strand mode: fast"
                + " mode needs the JVM flag " + CLASS_PATH_FLAG + " (class path) or "
                + MODULE_PATH_FLAG + " (module path); -Dasyncio4j.strands=portable silences this");
        return true;
    }
}
