package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Echo over loopback with vmbench's closed-loop method: the C client keeps 10 connections busy,
 * each sending one message, reading the whole echo, and sending the next. For every
 * (round, server) the harness starts the server, warms it up on each message size in turn (echo:
 * 0.6 s quick, 6 s full in all; tls: 1.2 s / 6 s), then for each size runs a short warm-up client
 * and a measured client,
 * reading the server's CPU time from /proc before and after the measured one. Reports req/s,
 * MiB/s, p50/p99 latency and server CPU per request.
 *
 * <p>Two suites use it: {@code echo} (plain TCP, C client {@code echo_client}) and {@code tls}
 * (TLS 1.3, the same client built with OpenSSL as {@code echo_client_tls}, which also reports
 * its own CPU per request and the protocol and cipher suite it negotiated — checked here, so a
 * server that negotiated anything else fails instead of being compared).
 */
final class EchoSuite implements Suite {
    static final int CONNECTIONS = 10;
    static final int[] SIZES = {1024, 10 * 1024, 100 * 1024};

    /** Work done once before the first round (the tls suite makes its certificate). */
    interface Setup {
        void prepare() throws IOException, InterruptedException;
    }

    private final String name;
    private final String reference;
    private final List<Impl> servers;
    private final List<String> client;
    private final String clientInstall;
    private final String cipher;
    private final Setup setup;
    private final double warmupQuick;
    private final double warmupFull;

    /**
     * @param client        the client program and its fixed options, or null when it is missing
     * @param clientInstall how to get the client when it is missing
     * @param cipher        the TLS cipher suite every connection must have negotiated, or null for plain TCP
     * @param warmupQuick   seconds of echo, spread over the sizes, that warm each server up in a quick run
     * @param warmupFull    the same in a full run
     */
    EchoSuite(String name, String reference, List<Impl> servers, List<String> client, String clientInstall,
              String cipher, Setup setup, double warmupQuick, double warmupFull) {
        this.name = name;
        this.reference = reference;
        this.servers = servers;
        this.client = client;
        this.clientInstall = clientInstall;
        this.cipher = cipher;
        this.setup = setup;
        this.warmupQuick = warmupQuick;
        this.warmupFull = warmupFull;
    }

    /** The plain TCP suite. */
    static EchoSuite tcp(List<Impl> servers, Path client) {
        return new EchoSuite("echo", "c-epoll", servers, client == null ? null : List.of(client.toString()),
                "apt-get install -y gcc (for the C client)", null, () -> { }, 0.6, 6.0);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public List<Impl> impls() {
        if (client != null) return servers;
        return servers.stream().map(s -> s.runnable() ? Impl.missing(s.name(), clientInstall) : s).toList();
    }

    @Override
    public void run(Settings s, Results results) throws InterruptedException {
        if (impls().stream().noneMatch(s::selected)) return;
        try {
            setup.prepare();
        } catch (IOException | RuntimeException e) {
            for (Impl server : impls()) if (server.runnable()) results.failed(name, server.name(), "*", e.getMessage());
            return;
        }
        for (int round = 1; round <= s.rounds(); round++) {
            for (Impl server : impls()) {
                if (!s.selected(server)) continue;
                System.out.printf("  [%s r%d] %s%n", name, round, server.name());
                runServer(s, results, server, round);
            }
        }
    }

    private void runServer(Settings s, Results results, Impl impl, int round) throws InterruptedException {
        String label = name + "-" + impl.name() + "-r" + round;
        try {
            int port = Launcher.freePort();
            List<String> cmd = new ArrayList<>(impl.command());
            cmd.addAll(List.of("--port", Integer.toString(port)));
            try (Launcher.Server server = s.launcher().startServer(label, cmd, port, 30)) {
                // Warm the server (JIT, buffers) on every size before any is measured: a JVM
                // server's paths for 1 KiB and 100 KiB messages are not the same code.
                double warmup = (s.quick() ? warmupQuick : warmupFull) / SIZES.length;
                for (int size : SIZES) client(s, port, size, warmup, label + "-warmup-" + size);
                for (int size : SIZES) measure(s, results, impl, server, size, label);
            }
        } catch (IOException | RuntimeException e) {
            results.failed(name, impl.name(), "*", e.getMessage());
        }
    }

    private void measure(Settings s, Results results, Impl impl, Launcher.Server server, int size, String label)
            throws IOException, InterruptedException {
        String caseName = (size / 1024) + "KiB";
        client(s, server.port(), size, s.seconds() / 3, label + "-" + caseName + "-warmup");
        double cpuBefore = server.cpuSeconds();
        Map<String, Object> r = client(s, server.port(), size, s.seconds(), label + "-" + caseName);
        double cpu = server.cpuSeconds() - cpuBefore;
        double requests = (Double) r.get("requests");
        double errors = (Double) r.get("errors");
        if (errors > 0 || requests == 0) {
            results.failed(name, impl.name(), caseName, "client saw " + (long) errors + " errors, " + (long) requests + " requests");
            return;
        }
        add(results, caseName, impl, "throughput", "req/s", (Double) r.get("req_per_s"));
        add(results, caseName, impl, "bandwidth", "MiB/s", (Double) r.get("mib_per_s"));
        add(results, caseName, impl, "latency p50", "µs", (Double) r.get("p50_us"));
        add(results, caseName, impl, "latency p99", "µs", (Double) r.get("p99_us"));
        add(results, caseName, impl, "server cpu", "µs/req", cpu * 1e6 / requests);
        if (cipher != null) add(results, caseName, impl, "client cpu", "µs/req", (Double) r.get("cpu_s") * 1e6 / requests);
    }

    private Map<String, Object> client(Settings s, int port, int size, double seconds, String label)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(client);
        cmd.addAll(List.of("--port", Integer.toString(port), "--conns", Integer.toString(CONNECTIONS),
                "--size", Integer.toString(size), "--duration", Double.toString(seconds)));
        List<Map<String, Object>> rows = s.launcher().runJsonLines(label, cmd, seconds + 30);
        if (rows.isEmpty()) throw new IOException(label + ": the client printed nothing");
        Map<String, Object> row = rows.get(0);
        if (cipher != null && !("TLSv1.3".equals(row.get("protocol")) && cipher.equals(row.get("cipher")))) {
            throw new IOException(label + ": negotiated " + row.get("protocol") + " " + row.get("cipher")
                    + ", not TLSv1.3 " + cipher);
        }
        return row;
    }

    private void add(Results results, String caseName, Impl impl, String metric, String unit, double value) {
        results.add(new Figure(name, caseName, impl.name(), metric, unit), value);
    }
}
