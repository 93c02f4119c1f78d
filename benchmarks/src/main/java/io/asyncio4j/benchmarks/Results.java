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

    /** The implementations of {@code suite} with at least one figure in this run, in order measured. */
    List<String> measured(String suite) {
        return samples.keySet().stream().filter(f -> f.suite().equals(suite)).map(Figure::impl).distinct().toList();
    }

    /**
     * The implementations of {@code suite} that did not run at all (missing peer or pending
     * runner), each as {@code name — install: command} or {@code name — reason}.
     */
    List<String> missing(String suite) {
        return notes.stream().filter(n -> n.get("suite").equals(suite) && !"failed".equals(n.get("status")))
                .map(n -> n.get("impl") + " — " + (n.containsKey("install") ? "install: " + n.get("install") : n.get("status") + ": " + n.get("reason")))
                .toList();
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

    /**
     * One table per suite: a row per (case, metric), a column per implementation, each cell the
     * median and its ratio to the reference; then the implementations that did not run.
     *
     * @param markdown GitHub-flavoured Markdown instead of aligned plain text
     */
    String table(boolean markdown) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Figure>> bySuite = new LinkedHashMap<>();
        for (Figure f : samples.keySet()) bySuite.computeIfAbsent(f.suite(), k -> new ArrayList<>()).add(f);
        for (Map.Entry<String, List<Figure>> suite : bySuite.entrySet()) {
            List<String> impls = suite.getValue().stream().map(Figure::impl).distinct().toList();
            List<Figure> rows = suite.getValue().stream().map(f -> f.withImpl("")).distinct().toList();
            String ref = references.get(suite.getKey());
            sb.append(markdown ? String.format(Locale.ROOT, "%n#### %s%n%n", suite.getKey())
                               : String.format(Locale.ROOT, "%n== %s ==%n", suite.getKey()));
            if (ref != null) sb.append(String.format(Locale.ROOT, "median (ratio to %s)%n%s", ref, markdown ? "\n" : ""));
            List<String> header = new ArrayList<>(List.of("case", "metric"));
            header.addAll(impls);
            List<List<String>> cells = new ArrayList<>();
            for (Figure row : rows) {
                List<String> line = new ArrayList<>(List.of(row.caseName(), row.metric() + " [" + row.unit() + "]"));
                for (String impl : impls) {
                    Figure f = row.withImpl(impl);
                    List<Double> v = samples.get(f);
                    Double ratio = v == null ? null : ratio(f);
                    line.add(v == null ? "" : Json.number(median(v))
                            + (ratio == null ? "" : String.format(Locale.ROOT, " (%.2f)", ratio)));
                }
                cells.add(line);
            }
            sb.append(markdown ? markdownGrid(header, cells) : textGrid(header, cells));
        }
        if (!notes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nnot measured:%n%s", markdown ? "\n" : ""));
            for (Map<String, Object> n : notes) {
                Object why = n.containsKey("install") ? "missing, install with: " + n.get("install")
                                                      : n.get("status") + ": " + n.get("reason");
                sb.append(String.format(Locale.ROOT, markdown ? "- %s / %s: %s%n" : "  %-7s %-22s %s%n",
                        n.get("suite"), n.get("impl"), why));
            }
        }
        return sb.toString();
    }

    private static String textGrid(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) width[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        for (List<String> r : concat(header, rows)) {
            for (int i = 0; i < width.length; i++) {
                String cell = r.get(i);
                sb.append(i < 2 ? cell + " ".repeat(width[i] - cell.length()) : " ".repeat(width[i] - cell.length()) + cell);
                sb.append(i + 1 < width.length ? "  " : System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static String markdownGrid(List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        for (int i = 0; i < header.size(); i++) sb.append(i < 2 ? "---|" : "---:|");
        sb.append("\n");
        for (List<String> r : rows) sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        return sb.toString();
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
