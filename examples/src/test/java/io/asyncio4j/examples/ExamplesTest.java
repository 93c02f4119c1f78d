package io.asyncio4j.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every example in-process (durations scaled down by {@code -Dexamples.scale=0.01}) and
 * checks what it printed, so an example cannot rot.
 */
class ExamplesTest {
    /** What each example must print, in order (each entry is a substring of one line). */
    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("get-html-generator", List.of("start get url sadf", "end get url sadf")),
            Map.entry("get-html-native", List.of("start get url ww.baidu.com", "end get url", "times ")),
            Map.entry("wait-many", List.of("start get url 1", "start get url 9", "end get url 1", "end get url 9", "times ")),
            Map.entry("wait-same-url", List.of("start get url www.baidu.com", "end get url", "times ")),
            Map.entry("task-result-callback", List.of("start get url", "end get url", "tasks compete", "times ", "get_futures")),
            Map.entry("gather-list", List.of("start get url www.baidu.com", "start get url www.google.com", "gathered 20 results", "times ")),
            Map.entry("gather-groups", List.of("start get url www.baidu.com", "end get url", "times ")),
            Map.entry("cancel-ctrl-c", List.of("SIGINT: cancelling the second group", "true", "gather cancelled", "times ")),
            Map.entry("cancel-all-tasks", List.of("SIGINT: cancelling every task", "true", "stopped: ", "times ")),
            Map.entry("stop-vs-close", List.of("get 32", "exception handler: Cannot close a running event loop", "stopping instead", "closed: true")),
            Map.entry("call-soon-stop", List.of("get 32", "loop stopped")),
            Map.entry("call-later", List.of("get 31", "get 32")),
            Map.entry("call-at", List.of("loop.time() = ", "get 31", "get 32")),
            Map.entry("call-soon-threadsafe", List.of("loop got worker-", "received 12 callbacks from 4 threads")),
            Map.entry("run-in-executor", List.of("get 3", "times ")),
            Map.entry("http-get-all", List.of("sended", "HTTP/1.1 200 OK", "you asked for /delay/1/page")),
            Map.entry("http-as-completed", List.of("you asked for /delay/0.1/page-9", "you asked for /delay/1.0/page-0")),
            Map.entry("concurrent-fetch", List.of("fetching 10 URLs", " 1/10 HTTP/1.1 200 OK", "10/10 HTTP/1.1 200 OK",
                    "10 requests in ")),
            // Scaled down, the delays are a millisecond apart: the order itself is checked at full scale only.
            Map.entry("flux-fetch", List.of("1/8 item-", "8/8 item-", "8 pages merged in completion order in ")),
            Map.entry("flux-fetch-retry", List.of("/delay/100/slow failed: TimeoutException",
                    "/delay/100/slow -> gave up (Retries exhausted: 2/2)", "5 URLs done in ")),
            Map.entry("loop-lag", List.of("work ran on [the loop]", "work ran on [heavy-")),
            Map.entry("echo-server", List.of("echo server on 127.0.0.1:", "echoed: client-0 says hello",
                    "echoed: client-0 says bye", "echoed: client-2 says bye", "server closed")),
            Map.entry("echo-client", List.of("talking to a local echo server", "echoed: hello", "echoed: world")),
            Map.entry("chat-server", List.of("chat server on 127.0.0.1:", "server: shutting down",
                    "alice saw: * bob joined", "alice saw: [bob] hi, I am bob", "alice saw: [carol] hi, I am carol",
                    "alice saw: * server shutting down, bye", "bob saw: [carol] hi, I am carol",
                    "server closed, 0 clients left")),
            Map.entry("subprocess-pipeline", List.of("started seq (pid ", "exit codes: seq=0 grep=0 wc=0",
                    "pipeline counted 40951 lines containing 7; Java counts 40951")));

    @TestFactory
    Stream<DynamicTest> everyExamplePrintsWhatItShows() {
        return Main.EXAMPLES.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            String out = run(e);
            List<String> expected = EXPECTED.get(e.name());
            assertTrue(expected != null, "no expectations written for example " + e.name());
            assertLinesInOrder(e.name(), out, expected);
        }));
    }

    @Test
    void everyExampleHasExpectations() {
        Set<String> names = new HashSet<>();
        Main.EXAMPLES.forEach(e -> names.add(e.name()));
        assertEquals(names, EXPECTED.keySet());
    }

    @Test
    void theLauncherListsEveryExample() throws Exception {
        String out = capture(() -> Main.main(new String[0]));
        for (Example e : Main.EXAMPLES) {
            assertTrue(out.contains(e.name()), "listing lacks " + e.name() + ":\n" + out);
        }
    }

    static String run(Example e) throws Exception {
        return capture(() -> e.main().run(new String[0]));
    }

    interface Body {
        void run() throws Exception;
    }

    static String capture(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    static void assertLinesInOrder(String name, String out, List<String> expected) {
        String[] lines = out.split("\n");
        int at = 0;
        for (String want : expected) {
            while (at < lines.length && !lines[at].contains(want)) {
                at++;
            }
            assertTrue(at < lines.length, name + ": expected a line containing '" + want + "' (in order) in:\n" + out);
            at++;
        }
    }
}
