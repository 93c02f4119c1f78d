package io.asyncio4j.internal.proc;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Signal names and numbers (Linux numbering) and sending signals the JDK has no API for: the JDK
 * only sends SIGTERM ({@link ProcessHandle#destroy()}) and SIGKILL
 * ({@link ProcessHandle#destroyForcibly()}), so other signals go through the {@code kill} command,
 * run off the loop.
 */
final class Signals {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
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

    /**
     * Sends signal {@code num} to {@code pid} with the kill command, without waiting for it:
     * starting {@code kill} and waiting for its exit would block the loop's thread (asyncio's
     * {@code os.kill} is one non-blocking system call), so both happen on one background thread.
     * That thread is shared and serial, so signals arrive in the order they were sent. A
     * {@code kill} that fails while the child is still alive is logged; one that finds the child
     * gone is ignored, as {@code Popen.send_signal} ignores {@code ProcessLookupError}.
     */
    static void kill(long pid, int num) {
        KILLER.execute(() -> killNow(pid, num));
    }

    private static final ThreadPoolExecutor KILLER = killer();

    private static ThreadPoolExecutor killer() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedTransferQueue<>(), r -> {
            Thread t = new Thread(r, "asyncio4j-signals");
            t.setDaemon(true);
            return t;
        });
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }

    private static void killNow(long pid, int num) {
        String failure;
        try {
            Process k = new ProcessBuilder("kill", "-" + num, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int rc = k.waitFor();
            if (rc == 0) {
                return;
            }
            failure = "kill -" + num + " " + pid + " failed with exit code " + rc;
        } catch (IOException e) {
            failure = "cannot run kill: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted while sending signal " + num + " to " + pid;
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            LOG.log(System.Logger.Level.WARNING, failure);
        }
    }
}
