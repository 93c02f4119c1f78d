package io.asyncio4j.internal.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Signal names and numbers (Linux numbering) and sending signals the JDK has no API for: the JDK
 * only sends SIGTERM ({@link ProcessHandle#destroy()}) and SIGKILL
 * ({@link ProcessHandle#destroyForcibly()}), so other signals go through the {@code kill} command.
 */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("BUS", 7), Map.entry("FPE", 8),
            Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11), Map.entry("USR2", 12),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("CHLD", 17),
            Map.entry("CONT", 18), Map.entry("STOP", 19), Map.entry("TSTP", 20), Map.entry("WINCH", 28));

    private Signals() {
    }

    /** {@return the signal's number} from a name without "SIG" or a number as text. */
    static int number(String name) {
        Integer n = NUMBERS.get(name);
        if (n != null) {
            return n;
        }
        try {
            int v = Integer.parseInt(name);
            if (v > 0 && v < 65) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("unknown signal: " + name);
    }

    /** Sends signal {@code num} to {@code pid} with the kill command (a short blocking call). */
    static void kill(long pid, int num) {
        try {
            Process k = new ProcessBuilder("kill", "-" + num, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = k.waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + num + " " + pid + " failed with exit code " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending signal " + num, e);
        }
    }
}
