package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a run measured: one sample per round for each {@link Figure}, the implementations
 * that could not run, and the failures. Reports medians, and ratios to each suite's reference
 * implementation (ratio = value / reference value, so for times 2.0 means twice as slow and for
 * rates 2.0 means twice as fast).
 */
final class Results {
    private final Map<Figure, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private final List<Map<String, Object>> notes = new ArrayList<>();

    /** Sets the implementation a suite's ratios are relative to. */
    void reference(String suite, String impl) {
        references.put(suite, impl);
    }

    /** Records one round's value of a figure. */
    synchronized void add(Figure figure, double value) {
        samples.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
    }

    /** Records an implementation that did not run (missing peer or pending asyncio4j runner). */
    void unavailable(String suite, Impl impl) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("suite", suite);
        n.put("impl", impl.name());
        n.put("status", impl.status().name().toLowerCase(Locale.ROOT));
        n.put(impl.status() == Impl.Status.MISSING ? "install" : "reason", impl.note());
        notes.add(n);
    }

    /** Records a run that failed; the suite goes on with the others. */
    void failed(String suite, String impl, String caseName, String message) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("suite", suite);
        n.put("case", caseName);
        n.put("impl", impl);
        n.put("status", "failed");
        n.put("reason", message);
        notes.add(n);
        System.err.printf("  ! %s/%s/%s failed: %s%n", suite, caseName, impl, message);
    }

    /** Median of every figure, in the order figures were first measured. */
    Map<Figure, Double> medians() {
        Map<Figure, Double> out = new LinkedHashMap<>();
        samples.forEach((f, v) -> out.put(f, median(v)));
        return out;
    }

    /** Value / reference value for the same case and metric, or null without a reference. */
    Double ratio(Figure f) {
        String ref = references.get(f.suite());
        List<Double> refSamples = ref == null ? null : samples.get(f.withImpl(ref));
        if (refSamples == null) return null;
        double r = median(refSamples);
        return r == 0 ? null : median(samples.get(f)) / r;
    }

    /** Writes the header and one JSON object per figure (then the notes) to {@code file}. */
    void writeJsonl(Path file, Map<String, Object> header) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Json.write(header));
        for (Map.Entry<Figure, Double> e : medians().entrySet()) {
            Figure f = e.getKey();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("suite", f.suite());
            row.put("case", f.caseName());
            row.put("impl", f.impl());
            row.put("metric", f.metric());
            row.put("value", e.getValue());
            row.put("unit", f.unit());
            row.put("runs", samples.get(f).size());
            row.put("reference", references.get(f.suite()));
            row.put("ratio", ratio(f));
            lines.add(Json.write(row));
        }
        for (Map<String, Object> n : notes) lines.add(Json.write(n));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A plain-text table per suite, then the implementations that did not run. */
    String table() {
        StringBuilder sb = new StringBuilder();
        String suite = null;
        for (Map.Entry<Figure, Double> e : medians().entrySet()) {
            Figure f = e.getKey();
            if (!f.suite().equals(suite)) {
                suite = f.suite();
                String ref = references.get(suite);
                sb.append(String.format(Locale.ROOT, "%n== %s%s ==%n", suite,
                        ref == null ? "" : "  (ratio = value / " + ref + ")"));
                sb.append(String.format(Locale.ROOT, "%-16s %-14s %-22s %12s %-11s %8s %5s%n",
                        "case", "metric", "impl", "median", "unit", "ratio", "runs"));
            }
            Double ratio = ratio(f);
            sb.append(String.format(Locale.ROOT, "%-16s %-14s %-22s %12s %-11s %8s %5d%n",
                    f.caseName(), f.metric(), f.impl(), Json.number(e.getValue()), f.unit(),
                    ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio), samples.get(f).size()));
        }
        if (!notes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nnot measured:%n"));
            for (Map<String, Object> n : notes) {
                Object why = n.containsKey("install") ? "missing — install: " + n.get("install") : n.get("status") + " — " + n.get("reason");
                sb.append(String.format(Locale.ROOT, "  %-7s %-22s %s%n", n.get("suite"), n.get("impl"), why));
            }
        }
        return sb.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
