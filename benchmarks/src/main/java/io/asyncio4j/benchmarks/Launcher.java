package io.asyncio4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the processes a suite measures, always with a time bound: a runner that prints JSON
 * lines and exits, or a server that runs until the harness stops it. Each process's stderr goes
 * to a log file under {@code benchmarks/target/logs/}.
 */
final class Launcher {
    private final Path logs;
    /** Processes started and not yet reaped: killed if the harness itself is stopped. */
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    Launcher(Path logs) {
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> live.forEach(Process::destroyForcibly)));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion (killed after {@code timeoutSeconds}) and parses its JSON lines. */
    List<Map<String, Object>> runJsonLines(String label, List<String> command, double timeoutSeconds)
            throws IOException, InterruptedException {
        Path out = logs.resolve(label + ".out");
        Path err = logs.resolve(label + ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        live.add(p);
        try {
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IOException(label + " timed out after " + timeoutSeconds + " s");
            }
        } finally {
            live.remove(p);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.strip().startsWith("{")) rows.add(Json.parse(line));
        }
        if (p.exitValue() != 0 && rows.isEmpty()) {
            throw new IOException(label + " exited " + p.exitValue() + ": " + lastLine(err));
        }
        return rows;
    }

    /** Starts a server and waits until its port accepts connections. */
    Server startServer(String label, List<String> command, int port, double readySeconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(logs.resolve(label + ".out").toFile())
                .redirectError(logs.resolve(label + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        live.add(p);
        p.onExit().thenRun(() -> live.remove(p));
        Server server = new Server(p, port);
        long deadline = System.nanoTime() + (long) (readySeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(label + " exited " + p.exitValue() + ": " + lastLine(logs.resolve(label + ".err")));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        server.close();
        throw new IOException(label + " did not listen on port " + port + " within " + readySeconds + " s");
    }

    /** A free loopback port (the kernel's choice; released at once for the server to bind). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) return lines.get(i).strip();
            }
        } catch (IOException ignored) {
            // no log: say nothing more
        }
        return "(no stderr; see " + file + ")";
    }

    /** A running server process; closing it sends SIGTERM, then SIGKILL after 5 s. */
    record Server(Process process, int port) implements AutoCloseable {
        /** User+system CPU the process has used so far, in seconds (from /proc/PID/stat). */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            // Fields after the ")" that ends the command name; utime and stime are fields 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks / (double) Machine.clockTicksPerSecond();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
