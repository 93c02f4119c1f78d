package io.asyncio4j.conformance;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential check against CPython: every scenario of {@code differential/scenarios.py} runs
 * in real asyncio (python3 >= 3.12) and its Java twin ({@link Scenarios}) on asyncio4j's
 * virtual-time loop; the two event traces must be identical. Skips with a message when no
 * suitable python3 is installed.
 */
class DifferentialTest {
    private static final List<String> PYTHONS = List.of(
            "/root/.pyenv/versions/3.13.0/bin/python3", "/usr/bin/python3.13", "/usr/bin/python3.12", "python3");

    @TestFactory
    Stream<DynamicTest> javaTracesMatchCPython() throws Exception {
        Map<String, List<String>> python = runPython();
        assertEquals(List.copyOf(Scenarios.ALL.keySet()), List.copyOf(python.keySet()),
                "scenarios.py and Scenarios.java must list the same scenarios in the same order");
        return Scenarios.ALL.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            List<String> trace = new ArrayList<>();
            VirtualTimeLoop.run(() -> {
                e.getValue().run(trace::add);
                return null;
            });
            assertEquals(String.join("\n", python.get(e.getKey())), String.join("\n", trace),
                    "trace of scenario " + e.getKey() + " differs from CPython's");
        }));
    }

    private static Map<String, List<String>> runPython() throws IOException, InterruptedException, URISyntaxException {
        String python = findPython();
        Assumptions.assumeTrue(python != null, "skipped: no python3 >= 3.12 found (looked at " + PYTHONS + ")");
        Path script = Path.of(DifferentialTest.class.getResource("/differential/scenarios.py").toURI());
        Process p = new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scenarios.py did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "scenarios.py failed:\n" + text);
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

    private static String findPython() throws InterruptedException {
        for (String candidate : PYTHONS) {
            if (candidate.startsWith("/") && !Files.isExecutable(Path.of(candidate))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(candidate, "-c",
                        "import sys; print(sys.version_info >= (3, 12))").redirectErrorStream(true).start();
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
