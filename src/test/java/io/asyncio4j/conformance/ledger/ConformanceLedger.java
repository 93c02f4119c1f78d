package io.asyncio4j.conformance.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The conformance ledger of CPython 3.13's test_asyncio: for every CPython test, whether a Java
 * test ports it (from the Java tests' citations), why it does not apply (na.tsv), or that it is
 * missing (with a note from missing.tsv, if any). Renders {@code docs/conformance.md} and the
 * README's summary, and lists the inconsistencies the checking test fails on.
 */
final class ConformanceLedger {
    /** Modules of test_asyncio the ledger leaves out (Windows-only). */
    static final Set<String> EXCLUDED_MODULES = Set.of("test_windows_events", "test_windows_utils",
            "test_proactor_events");
    /**
     * Classes of CPython test modules outside test_asyncio that share a test_asyncio module's name
     * ({@code Lib/test/test_context.py}'s ContextTest): Java tests may port them, the ledger skips them.
     */
    static final Set<String> OTHER_SUITES = Set.of("test_context.ContextTest");
    /**
     * test_asyncio modules newer than the 3.13 snapshot (3.14's call-graph tests): Java tests may
     * port them ahead of time; the ledger, which is of 3.13, skips them.
     */
    static final Set<String> NEWER_MODULES = Set.of("test_graph");
    static final String PORTED = "ported";
    static final String NA = "n/a";
    static final String MISSING = "missing";

    /** One row of the table. */
    record Row(CpythonTest test, String status, String whereOrWhy) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** Builds the ledger from the repository rooted at {@code root}. */
    static ConformanceLedger build(Path root) throws IOException {
        Path dir = root.resolve("docs/conformance");
        CpythonTestList cpython = CpythonTestList.read(dir.resolve("cpython-3.13-tests.txt"));
        JavaTestScanner java = JavaTestScanner.scan(List.of(root.resolve("src/test/java"),
                root.resolve("reactor-bridge/src/test/java"), root.resolve("examples/src/test/java")));
        return new ConformanceLedger(cpython, java, NoteFile.read(dir.resolve("na.tsv")),
                NoteFile.read(dir.resolve("missing.tsv")));
    }

    ConformanceLedger(CpythonTestList cpython, JavaTestScanner java, NoteFile na, NoteFile missing) {
        Map<CpythonTest, Set<String>> portedBy = new TreeMap<>();
        for (JavaTestScanner.Citation c : java.citations()) {
            List<String> modules = c.modules().stream()
                    .filter(m -> !EXCLUDED_MODULES.contains(m) && !NEWER_MODULES.contains(m)).toList();
            if (modules.isEmpty() || OTHER_SUITES.contains(modules.get(0) + "." + c.className())) {
                continue;
            }
            String cited = String.join("/", modules) + ".py " + (c.explicitClass() ? c.className() + "." : "") + c.method();
            List<CpythonTest> tests = new ArrayList<>();
            for (String module : modules) {
                if (!cpython.hasModule(module)) {
                    problems.add(c.where() + ": cites " + cited + ", but CPython 3.13's test_asyncio has no module " + module);
                } else {
                    tests.addAll(cpython.resolve(module, c.className(), c.method()));
                }
            }
            if (tests.isEmpty()) {
                problems.add(c.where() + ": cites " + cited + ", which is not a test of CPython 3.13's test_asyncio");
                continue;
            }
            if (tests.size() > 1) {
                problems.add(c.where() + ": cites " + cited + ", which several classes define (" + tests
                        + "): name the class");
                continue;
            }
            if (c.target() != null && c.target().test()) {
                for (CpythonTest t : tests) {
                    portedBy.computeIfAbsent(t, k -> new TreeSet<>()).add(c.target().ref());
                }
            }
        }
        Map<CpythonTest, NoteFile.Note> naReasons = reasons(cpython, na);
        Map<CpythonTest, NoteFile.Note> missingNotes = reasons(cpython, missing);
        for (CpythonTest t : cpython.all()) {
            Set<String> refs = portedBy.get(t);
            if (refs != null) {
                rows.add(new Row(t, PORTED, String.join(", ", refs)));
                // A whole-class note (Class.*) yields to the ports of some of its tests; a note on one test must not.
                if (naReasons.containsKey(t) && !naReasons.get(t).wholeClass()) {
                    problems.add(naReasons.get(t).where() + " says " + t + " is n/a, but " + refs + " port it");
                }
                if (missingNotes.containsKey(t) && !missingNotes.get(t).wholeClass()) {
                    problems.add(missingNotes.get(t).where() + " has a note on " + t + ", but " + refs + " port it");
                }
            } else if (naReasons.containsKey(t) && !overridden(naReasons.get(t), missingNotes.get(t))) {
                rows.add(new Row(t, NA, naReasons.get(t).reason()));
                if (missingNotes.containsKey(t) && missingNotes.get(t).wholeClass() == naReasons.get(t).wholeClass()) {
                    problems.add(t + " is both in na.tsv and missing.tsv");
                }
            } else {
                rows.add(new Row(t, MISSING, missingNotes.containsKey(t) ? missingNotes.get(t).reason() : ""));
            }
        }
    }

    /** A whole-class n/a reason yields to a note on the very test in missing.tsv. */
    private static boolean overridden(NoteFile.Note na, NoteFile.Note missing) {
        return missing != null && na.wholeClass() && !missing.wholeClass();
    }

    private Map<CpythonTest, NoteFile.Note> reasons(CpythonTestList cpython, NoteFile file) {
        Map<CpythonTest, NoteFile.Note> out = new LinkedHashMap<>();
        for (NoteFile.Note note : file.notes()) {
            List<CpythonTest> tests = cpython.matching(note.module(), note.pattern());
            if (tests.isEmpty()) {
                problems.add(note.where() + ": " + note.module() + " " + note.pattern() + " names no CPython 3.13 test");
            }
            for (CpythonTest t : tests) {
                if (out.putIfAbsent(t, note) != null && !note.wholeClass()) {
                    problems.add(note.where() + ": " + t + " is listed twice");
                }
            }
        }
        return out;
    }

    /** The rows, in the snapshot's order. */
    List<Row> rows() {
        return rows;
    }

    /** Inconsistencies: citations of tests CPython does not have, notes that match nothing or contradict a port. */
    List<String> problems() {
        return problems;
    }

    /** Counts per module: {ported, n/a, missing}. */
    Map<String, int[]> counts() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Row r : rows) {
            int[] c = counts.computeIfAbsent(r.test().module(), m -> new int[3]);
            c[r.status().equals(PORTED) ? 0 : r.status().equals(NA) ? 1 : 2]++;
        }
        return counts;
    }

    /** The per-module summary table (also embedded in the README). */
    String summaryTable() {
        StringBuilder sb = new StringBuilder("| module | tests | ported | n/a | missing |\n|---|---:|---:|---:|---:|\n");
        int[] total = new int[3];
        for (Map.Entry<String, int[]> e : counts().entrySet()) {
            int[] c = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(c[0] + c[1] + c[2]).append(" | ").append(c[0])
                    .append(" | ").append(c[1]).append(" | ").append(c[2]).append(" |\n");
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
        }
        sb.append("| **all** | ").append(total[0] + total[1] + total[2]).append(" | ").append(total[0])
                .append(" | ").append(total[1]).append(" | ").append(total[2]).append(" |\n");
        return sb.toString();
    }

    /** The whole of {@code docs/conformance.md}. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Conformance with CPython 3.13's test_asyncio\n\n")
                .append("<!-- Generated: do not edit. Regenerate with `scripts/conformance.py generate`. -->\n\n")
                .append("One row for every test method of CPython 3.13's `Lib/test/test_asyncio`, all modules but ")
                .append("`test_windows_events`, `test_windows_utils` and `test_proactor_events` (Windows-only).\n\n")
                .append("How it is counted and built:\n\n")
                .append("- A test is `Class.test_method`, named by the class that *defines* it: a mixin whose tests ")
                .append("run in several concrete classes (test_tasks' `BaseTaskTests` in the C and Python ")
                .append("`Task`/`Future` combinations, test_events' `EventLoopTestsMixin` in one class per selector) ")
                .append("has one row per test. The list of names is a snapshot, ")
                .append("`docs/conformance/cpython-3.13-tests.txt`, taken by `scripts/conformance.py snapshot` ")
                .append("from CPython's sources with Python's `ast`.\n")
                .append("- `ported`: a Java test cites the CPython test in its javadoc or in a comment inside it ")
                .append("(`test_tasks.py BaseTaskTests.test_cancel`, `test_tasks.py test_cancel`, or a bare `test_cancel` ")
                .append("when the class's javadoc names the module); the column names ")
                .append("those Java tests as `ClassName#method` (found by class simple name in `src/test/java`, ")
                .append("`reactor-bridge/src/test/java` and `examples/src/test/java`).\n")
                .append("- `n/a`: the CPython test exercises something that cannot or need not exist in Java; the ")
                .append("reason comes from `docs/conformance/na.tsv`.\n")
                .append("- `missing`: neither; a note from `docs/conformance/missing.tsv` says why, if any: `bug:` ")
                .append("a port that fails because asyncio4j misbehaves, `differs:` a deliberate or known difference, ")
                .append("`needs ...` an API not there yet.\n")
                .append("- In both reasons files a line names `Class.test_method` or `Class.*`; a line on one test ")
                .append("overrides a `Class.*` line, and a `Class.*` line yields to the ports of the class's tests.\n")
                .append("- `ConformanceLedgerTest` regenerates this file and fails when it is stale, when a Java ")
                .append("comment cites a CPython test that does not exist, or when a reason names none.\n\n")
                .append("## Summary\n\n").append(summaryTable()).append("\n## Tests\n\n")
                .append("| module | test | status | where or why |\n|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.test().module()).append(" | ").append(r.test().name()).append(" | ")
                    .append(r.status()).append(" | ").append(r.whereOrWhy().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
