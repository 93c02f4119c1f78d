package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run was measured on: CPU, cores, memory, kernel, JDK, date — the results' header. */
final class Machine {
    private static volatile long clockTicks;

    private Machine() {}

    /** The header object written as the first line of {@code latest.jsonl}. */
    static Map<String, Object> header(boolean quick, Map<String, String> peers) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("header", true);
        h.put("machine", cpuModel());
        h.put("cores", Runtime.getRuntime().availableProcessors());
        h.put("memory_mib", memoryMiB());
        h.put("os", System.getProperty("os.name") + " " + read("/proc/sys/kernel/osrelease").strip());
        h.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        h.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        h.put("quick", quick);
        h.put("loadavg_end", loadAverage());
        peers.forEach((k, v) -> h.put("peer_" + k, v));
        return h;
    }

    /** The 1/5/15-minute load averages: how busy the shared machine was around the run. */
    static String loadAverage() {
        String[] f = read("/proc/loadavg").split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "";
    }

    /** USER_HZ, the unit of utime/stime in /proc/PID/stat (almost always 100). */
    static long clockTicksPerSecond() {
        if (clockTicks == 0) {
            long ticks = 100;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                ticks = Long.parseLong(new String(p.getInputStream().readAllBytes()).strip());
            } catch (IOException | NumberFormatException e) {
                // keep the Linux default
            }
            clockTicks = ticks;
        }
        return clockTicks;
    }

    static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
        }
        return System.getProperty("os.arch");
    }

    private static long memoryMiB() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return 0;
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            return "";
        }
    }
}
