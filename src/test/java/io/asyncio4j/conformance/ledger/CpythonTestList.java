package io.asyncio4j.conformance.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot of CPython 3.13's test_asyncio test names ({@code docs/conformance/cpython-3.13-tests.txt},
 * written by {@code scripts/conformance.py snapshot}), with look-ups by module and method name.
 */
final class CpythonTestList {
    private final List<CpythonTest> tests;
    private final Map<String, Map<String, List<CpythonTest>>> byModuleAndMethod = new LinkedHashMap<>();

    private CpythonTestList(List<CpythonTest> tests) {
        this.tests = List.copyOf(tests);
        for (CpythonTest t : tests) {
            byModuleAndMethod.computeIfAbsent(t.module(), m -> new LinkedHashMap<>())
                    .computeIfAbsent(t.method(), m -> new ArrayList<>()).add(t);
        }
    }

    /** Reads the snapshot file: one {@code module<TAB>Class.test_method} a line. */
    static CpythonTestList read(Path file) throws IOException {
        List<CpythonTest> tests = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[1].indexOf('.') <= 0) {
                throw new IllegalStateException(file + ":" + lineNo + ": expected module<TAB>Class.test, got: " + line);
            }
            tests.add(new CpythonTest(cols[0], cols[1]));
        }
        return new CpythonTestList(tests);
    }

    /** Every test, in snapshot order (by module, then name). */
    List<CpythonTest> all() {
        return tests;
    }

    /** True when the module is one of the snapshot's modules. */
    boolean hasModule(String module) {
        return byModuleAndMethod.containsKey(module);
    }

    /**
     * The tests a citation names: {@code Class.test_x} when that class defines it; otherwise every
     * class of the module defining {@code test_x} (a citation by bare method name, or through a
     * concrete subclass of the defining mixin), which the ledger accepts only when there is one.
     * Empty when the module has no such test.
     */
    List<CpythonTest> resolve(String module, String className, String method) {
        List<CpythonTest> candidates = byModuleAndMethod.getOrDefault(module, Map.of()).getOrDefault(method, List.of());
        if (className != null) {
            for (CpythonTest t : candidates) {
                if (t.className().equals(className)) {
                    return List.of(t);
                }
            }
        }
        return candidates;
    }

    /** The tests of the module whose {@code Class.test} name matches a pattern: exact, or {@code Class.*}. */
    List<CpythonTest> matching(String module, String pattern) {
        List<CpythonTest> out = new ArrayList<>();
        for (CpythonTest t : tests) {
            if (t.module().equals(module) && (pattern.equals(t.name())
                    || pattern.endsWith(".*") && t.className().equals(pattern.substring(0, pattern.length() - 2)))) {
                out.add(t);
            }
        }
        return out;
    }
}
