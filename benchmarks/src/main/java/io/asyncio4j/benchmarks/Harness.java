package io.asyncio4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of {@code benchmarks/run}: runs the suites side by side, prints a table, writes
 * {@code latest.jsonl} (and the same tables as {@code latest.md}) and one PNG chart per suite.
 *
 * <p>Usage: {@code benchmarks/run [--quick] [--publish] [--rounds N] [--seconds S] [--results DIR] [--only A,B] [--list] [SUITE...]}
 * with suites {@code tasks timers echo tls sync bridge} (default: all). Where the results go:
 * <ul>
 *   <li>by default, {@code benchmarks/target/results/} — a scratch folder that git ignores, so a
 *       smoke or development run never replaces the committed figures;</li>
 *   <li>with {@code --publish}, {@code benchmarks/results/} — the committed {@code latest.*}; only
 *       a full run (every suite, every implementation, not {@code --quick}) may publish;</li>
 *   <li>with {@code --results DIR}, DIR.</li>
 * </ul>
 * {@code --only A,B} runs only the implementations with those names. The header of
 * {@code latest.jsonl} and the first lines of {@code latest.md} record, per suite, which
 * implementations were measured and which were missing. {@code benchmarks/run jmh} runs the JMH
 * micro-benchmarks instead (handled by the script). The script passes the benchmarks directory as
 * the system property {@code bench.home}, and the Debian packages it installed before the run as
 * {@code bench.installed}.
 */
public final class Harness {
    static final List<String> ALL_SUITES = List.of("tasks", "timers", "echo", "tls", "sync", "bridge");

    private Harness() {}

    /** Runs the suites named in {@code args}; a bad command line exits with status 2 and the reason. */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println("benchmarks/run: " + e.getMessage());
            System.exit(2);
        }
    }

    /** A command line the harness cannot run. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static void run(String[] args) throws Exception {
        boolean quick = false;
        boolean list = false;
        boolean publish = false;
        int rounds = -1;
        double seconds = -1;
        String resultsDir = null;
        java.util.Set<String> only = java.util.Set.of();
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--list" -> list = true;
                case "--publish" -> publish = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--results" -> resultsDir = args[++i];
                case "--only" -> only = java.util.Set.of(args[++i].split(","));
                case "-h", "--help" -> {
                    System.out.println("usage: benchmarks/run [--quick] [--publish] [--rounds N] [--seconds S] [--results DIR] [--only A,B] [--list] [SUITE...]\n"
                            + "       benchmarks/run jmh [JMH options]\nsuites: " + String.join(" ", ALL_SUITES));
                    return;
                }
                default -> {
                    if (!ALL_SUITES.contains(args[i])) throw new UsageException("unknown suite or option: " + args[i]);
                    chosen.add(args[i]);
                }
            }
        }
        if (publish) checkPublishable(quick, resultsDir, only, chosen);
        if (chosen.isEmpty()) chosen.addAll(ALL_SUITES);
        if (rounds < 1) rounds = quick ? 1 : 5;
        if (seconds <= 0) seconds = quick ? 1.0 : 2.0;

        Path home = Path.of(System.getProperty("bench.home", "benchmarks")).toAbsolutePath();
        Peers peers = new Peers(home);
        Map<String, Suite> suites = suites(peers);
        describe(peers, suites, chosen);
        if (list) return;

        Results results = new Results();
        Suite.Settings settings = new Suite.Settings(quick, rounds, seconds, new Launcher(home.resolve("target/logs")), only);
        long start = System.nanoTime();
        String loadBefore = Machine.loadAverage();
        for (String name : chosen) {
            Suite suite = suites.get(name);
            results.reference(name, suite.reference());
            suite.impls().stream().filter(i -> !i.runnable()).forEach(i -> results.unavailable(name, i));
            System.out.printf("%n-- %s (%d round%s)%n", name, rounds, rounds == 1 ? "" : "s");
            suite.run(settings, results);
        }

        Map<String, Object> header = Machine.header(quick, peers.versions());
        header.put("rounds", rounds);
        header.put("loadavg_start", loadBefore);
        header.put("seconds", (double) Math.round((System.nanoTime() - start) / 1e9));
        header.put("published", publish);
        header.put("installed_by_run", System.getProperty("bench.installed", ""));
        for (String name : chosen) {
            header.put("measured_" + name, results.measured(name));
            header.put("missing_" + name, results.missing(name));
        }
        Path out = resultsDir != null ? Path.of(resultsDir).toAbsolutePath()
                : home.resolve(publish ? "results" : "target/results");
        Files.createDirectories(out);
        results.writeJsonl(out.resolve("latest.jsonl"), header);
        System.out.println(results.table(false));
        Files.writeString(out.resolve("latest.md"), "Measured on " + subtitleOf(header, quick) + "; load average "
                + header.get("loadavg_start") + " before, " + header.get("loadavg_end") + " after\n\n"
                + peersLines(header, chosen) + results.table(true));
        for (Path png : Charts.draw(results.medians(), out, subtitleOf(header, quick))) System.out.println("chart: " + png);
        System.out.println("results: " + out.resolve("latest.jsonl"));
    }

    /** Rejects a publishing run that is not a full run: it would replace the committed figures with fewer. */
    private static void checkPublishable(boolean quick, String resultsDir, java.util.Set<String> only, List<String> suites) {
        String why = quick ? "--quick" : resultsDir != null ? "--results" : !only.isEmpty() ? "--only"
                : !suites.isEmpty() && !suites.containsAll(ALL_SUITES) ? "a subset of the suites (" + String.join(" ", suites) + ")" : null;
        if (why != null) {
            throw new UsageException("--publish replaces the committed benchmarks/results/latest.* and needs a full run "
                    + "(every suite and implementation, not --quick); it cannot be combined with " + why);
        }
    }

    /** Which implementations each suite measured and which were missing, for {@code latest.md}. */
    private static String peersLines(Map<String, Object> header, List<String> suites) {
        StringBuilder sb = new StringBuilder();
        for (String name : suites) {
            String missing = joined(header.get("missing_" + name));
            sb.append(String.format(Locale.ROOT, "- %s: measured %s; missing %s%n", name, joined(header.get("measured_" + name)),
                    missing.isEmpty() ? "none" : missing));
        }
        String installed = (String) header.get("installed_by_run");
        if (!installed.isEmpty()) sb.append("- installed by benchmarks/run before measuring: ").append(installed).append('\n');
        return sb.toString();
    }

    private static String joined(Object names) {
        return ((List<?>) names).stream().map(Object::toString).collect(java.util.stream.Collectors.joining(", "));
    }

    private static String subtitleOf(Map<String, Object> header, boolean quick) {
        return String.format(Locale.ROOT, "%s, %d cores, JDK %s, %s — medians of interleaved rounds%s",
                header.get("machine"), (Integer) header.get("cores"), System.getProperty("java.runtime.version"),
                header.get("date"), quick ? " (quick run)" : "");
    }

    private static Map<String, Suite> suites(Peers peers) {
        Map<String, Suite> suites = new LinkedHashMap<>();
        suites.put("tasks", new CaseSuite("tasks", "uvloop", peers.tasks(), List.of(
                new CaseSuite.Case("pingpong", 20_000, 200_000),
                new CaseSuite.Case("gather", 20_000, 100_000),
                new CaseSuite.Case("heap", 20_000, 100_000))));
        suites.put("timers", new CaseSuite("timers", "uvloop", peers.timers(), List.of(
                new CaseSuite.Case("timers", 100_000, 100_000))));
        suites.put("echo", EchoSuite.tcp(peers.echoServers(), peers.echoClient()));
        TlsCerts certs = peers.tlsCerts();
        suites.put("tls", new EchoSuite("tls", "netty-jdk", peers.tlsServers(), peers.tlsClient(),
                "apt-get install -y gcc libssl-dev (for the C client's TLS build)", Peers.TLS_CIPHER, certs::make, 1.2, 6.0));
        suites.put("sync", new CaseSuite("sync", "cpython", peers.sync(), List.of(
                new CaseSuite.Case("lock-uncontended", 20_000, 200_000),
                new CaseSuite.Case("lock-contended", 20_000, 100_000),
                new CaseSuite.Case("queue", 20_000, 200_000))));
        suites.put("bridge", new CaseSuite("bridge", "asyncio4j-fast", peers.bridge(), List.of(
                new CaseSuite.Case("mono-from-task", 20_000, 200_000),
                new CaseSuite.Case("flux-bytes", 2_000, 20_000),
                new CaseSuite.Case("raw-streams", 2_000, 20_000))));
        return suites;
    }

    private static void describe(Peers peers, Map<String, Suite> suites, List<String> chosen) {
        // Which interpreter runs the Python peers matters: uvloop may exist for only one of them.
        for (String peer : List.of("cpython", "uvloop", "kotlinx")) {
            System.out.printf("%-8s %s%n", peer + ":", peers.versions().getOrDefault(peer, "not found"));
        }
        String installed = System.getProperty("bench.installed", "");
        if (!installed.isEmpty()) System.out.println("installed by benchmarks/run: " + installed);
        System.out.println("implementations:");
        for (String name : chosen) {
            for (Impl impl : suites.get(name).impls()) {
                String state = switch (impl.status()) {
                    case READY -> "ready";
                    case MISSING -> "MISSING — install: " + impl.note();
                    case PENDING -> "pending — " + impl.note();
                };
                System.out.printf("  %-7s %-22s %s%n", name, impl.name(), state);
            }
        }
    }
}
