package io.asyncio4j.conformance.ledger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks {@code docs/conformance.md} (the conformance ledger of CPython's test_asyncio) and the
 * README's summary of it: regenerated in-process from the CPython test snapshot, the Java tests'
 * citations and the reasons files, they must match what is committed. Run with
 * {@code -Dconformance.update=true} (as {@code scripts/conformance.py generate} does) to rewrite
 * both instead.
 */
class ConformanceLedgerTest {
    private static final String README_START = "<!-- conformance-summary:start -->\n";
    private static final String README_END = "<!-- conformance-summary:end -->";

    private static Path root;
    private static ConformanceLedger ledger;

    @BeforeAll
    static void build() throws IOException {
        root = repositoryRoot();
        ledger = ConformanceLedger.build(root);
        if (Boolean.getBoolean("conformance.update")) {
            Files.writeString(root.resolve("docs/conformance.md"), ledger.markdown());
            String readme = Files.readString(root.resolve("README.md"));
            Files.writeString(root.resolve("README.md"), withSummary(readme));
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/conformance/cpython-3.13-tests.txt"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/conformance/cpython-3.13-tests.txt above " + Path.of("").toAbsolutePath());
    }

    private static String withSummary(String readme) {
        int start = readme.indexOf(README_START);
        int end = readme.indexOf(README_END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md lacks the " + README_START.strip() + " ... " + README_END + " markers");
        }
        return readme.substring(0, start + README_START.length()) + ledger.summaryTable() + readme.substring(end);
    }

    @Test
    void citationsAndReasonsNameRealCPythonTests() {
        assertEquals("", String.join("\n", ledger.problems()), "conformance ledger inconsistencies");
    }

    @Test
    void ledgerIsUpToDate() throws IOException {
        assertEquals(ledger.markdown(), Files.readString(root.resolve("docs/conformance.md")),
                "docs/conformance.md is stale: run scripts/conformance.py generate");
    }

    @Test
    void readmeSummaryIsUpToDate() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        assertEquals(withSummary(readme), readme, "README's conformance summary is stale: run scripts/conformance.py generate");
    }

    @Test
    void everyPortedRowPointsToAnExistingJavaTest() throws IOException {
        Set<String> tests = new HashSet<>();
        for (JavaTestScanner.JavaMethod m : JavaTestScanner.scan(List.of(root.resolve("src/test/java"),
                root.resolve("reactor-bridge/src/test/java"), root.resolve("examples/src/test/java"))).methods()) {
            if (m.test()) {
                tests.add(m.ref());
            }
        }
        List<String> dangling = new ArrayList<>();
        int ported = 0;
        for (String line : Files.readAllLines(root.resolve("docs/conformance.md"))) {
            String[] cols = line.split(" \\| ");
            if (cols.length == 4 && cols[2].equals(ConformanceLedger.PORTED)) {
                ported++;
                for (String ref : cols[3].replaceAll(" \\|$", "").split(", ")) {
                    if (!tests.contains(ref)) {
                        dangling.add(cols[1] + " -> " + ref);
                    }
                }
            }
        }
        assertTrue(ported > 0, "docs/conformance.md has no ported row");
        assertEquals(List.of(), dangling, "ported rows naming Java tests that do not exist");
    }

    /** The scanner attributes a citation to the test its javadoc documents or its body holds, not to a neighbour. */
    @Test
    void scannerAttributesCitationsToTheirMethods() {
        String source = """
                package x;
                /** Ports of test_tasks.py BaseTaskTests (test_cancel*, ...). */
                class Sample {
                    /** Ports test_tasks.py test_a and test_futures.py BaseFutureTests.test_b. */
                    @Test
                    void first() {
                        String s = "test_tasks.py test_not_a_citation";
                    }

                    @Test
                    void second() {
                        // test_locks.py LockTests.test_c
                        run(() -> { });
                    }

                    void helper() {
                    }
                }
                """;
        JavaTestScanner scanner = JavaTestScanner.scanText(Path.of("Sample.java"), source);
        List<String> cited = scanner.citations().stream()
                .map(c -> c.module() + " " + c.className() + "." + c.method() + " -> "
                        + (c.target() == null ? "class" : c.target().ref() + (c.target().test() ? "" : " (not a test)")))
                .toList();
        assertEquals(List.of("test_tasks null.test_a -> Sample#first",
                "test_futures BaseFutureTests.test_b -> Sample#first",
                "test_locks LockTests.test_c -> Sample#second"), cited);
        assertEquals(List.of("Sample#first", "Sample#second", "Sample#helper"),
                scanner.methods().stream().map(JavaTestScanner.JavaMethod::ref).toList());
        assertEquals(List.of(true, true, false), scanner.methods().stream().map(JavaTestScanner.JavaMethod::test).toList());
    }
}
