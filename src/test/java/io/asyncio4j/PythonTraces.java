package io.asyncio4j;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs a differential scenario script in real CPython asyncio and splits its output into one
 * event trace per scenario (a {@code "## name"} line starts each). Shared by the differential
 * tests of the core toolbox and of the sync primitives.
 */
public final class PythonTraces {
    private static final List<String> PYTHONS = List.of(
            "/root/.pyenv/versions/3.13.0/bin/python3", "/usr/bin/python3.13", "/usr/bin/python3.12", "python3");

    private PythonTraces() {
    }

    /**
     * Runs {@code resource} (a test resource path) with the first python3 of at least
     * 3.{@code minMinor}; skips the calling test with a message when there is none.
     *
     * @return the traces by scenario name, in the script's order
     */
    public static Map<String, List<String>> run(String resource, int minMinor) throws Exception {
        String python = findPython(minMinor);
        Assumptions.assumeTrue(python != null,
                "skipped: no python3 >= 3." + minMinor + " found (looked at " + PYTHONS + ")");
        Path script = Path.of(PythonTraces.class.getResource(resource).toURI());
        Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        String name = script.getFileName().toString();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), name + " failed:\n" + text);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("## ")) {
                current = new ArrayList<>();
                sections.put(line.substring(3).trim(), current);
            } else if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        return sections;
    }

    private static String findPython(int minMinor) throws InterruptedException {
        for (String candidate : PYTHONS) {
            if (candidate.startsWith("/") && !Files.isExecutable(Path.of(candidate))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(candidate, "-c",
                        "import sys; print(sys.version_info >= (3, " + minMinor + "))").redirectErrorStream(true).start();
                String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (p.waitFor(30, TimeUnit.SECONDS) && answer.equals("True")) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        return null;
    }
}
