package io.asyncio4j.benchmarks.peers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The output format every runner shares with the Python peers: one JSON object per figure,
 * {@code {"case":…,"metric":…,"value":…,"unit":…}}; the harness adds suite and implementation.
 * Also parses the {@code --case/--n/--warmup} options all case runners accept.
 */
public final class Out {
    private Out() {}

    /** Prints one figure as a JSON line. */
    public static void emit(String caseName, String metric, double value, String unit) {
        System.out.printf(Locale.ROOT, "{\"case\":\"%s\",\"metric\":\"%s\",\"value\":%.3f,\"unit\":\"%s\"}%n",
                caseName, metric, value, unit);
        System.out.flush();
    }

    /** Parses {@code --key value} pairs; flags without a value map to "true". */
    public static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String key = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(key, hasValue ? args[++i] : "true");
        }
        return options;
    }

    /** Reads an integer option with a default. */
    public static int intOption(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
    }

    /** A warm-up body that may throw (the runners' bodies declare checked exceptions). */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    /**
     * Runs {@code body} at least {@code --warmup} times and until {@code --warmup-seconds} have
     * passed, so the JIT has compiled the measured path; bounded at 1000 runs.
     */
    public static void warmUp(Map<String, String> options, Body body) throws Exception {
        int runs = intOption(options, "warmup", 1);
        double seconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "0"));
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try {
            for (int done = 0; done < 1000 && (done < runs || System.nanoTime() - deadline < 0); done++) body.run();
            // The measured run starts from a collected heap: it pays for the garbage it makes
            // (and for collecting what it keeps alive), not for the warm-up's. Every runner, JVM
            // or Python (gc.collect() in _common.py), does the same.
            System.gc();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Heap in use after a full collection, for per-object footprint estimates. */
    public static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // a few rounds so finalisation and reference queues settle
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
