package io.asyncio4j;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential check against CPython: every scenario of {@code differential/scenarios.py} runs
 * in real asyncio (python3 >= 3.12) and its Java twin ({@link Scenarios}) on asyncio4j's
 * virtual-time loop; the two event traces must be identical. Skips with a message when no
 * suitable python3 is installed.
 */
class DifferentialTest {
    @TestFactory
    Stream<DynamicTest> javaTracesMatchCPython() throws Exception {
        Map<String, List<String>> python = PythonTraces.run("/differential/scenarios.py", 12);
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
}
