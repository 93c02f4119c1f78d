package io.asyncio4j.internal.net;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The accept back-off with a real EMFILE: a child JVM ({@link AcceptEmfileChild}) runs under
 * {@code ulimit -n 256}, so exhausting descriptors cannot disturb this JVM or other tests. The
 * child's server must report the error once through the loop's exception handler, stop accepting
 * while descriptors stay exhausted, and serve the waiting connection after asyncio's
 * ACCEPT_RETRY_DELAY once some are free. This also proves the JDK's message for EMFILE is the one
 * {@code TcpServer} recognises. {@link AcceptBackoffTest} covers the same on a virtual clock.
 */
@Timeout(120)
class AcceptEmfileChildJvmTest {
    private static final Pattern RESULT = Pattern.compile(
            "RESULT filled=(\\d+) errorsWhileFull=(\\d+) acceptedWhileFull=(\\w+) errors=(\\d+) line=(\\S*)"
                    + " delay=([\\d.]+) message=(.*) exception=(.*)");

    /**
     * {@code localised}: the error is re-worded in the child, as a C library in another language
     * would say it; the server must still back off (it probes for a free descriptor).
     */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "localised"})
    void realEmfileBacksOffAndResumes(String wording) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -n 256 && exec \"$@\"", "bash", java));
        String mode = System.getProperty("asyncio4j.strands");
        if (mode != null) {
            cmd.add("-Dasyncio4j.strands=" + mode);
        }
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AcceptEmfileChild.class.getName(), wording));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        assertEquals(0, rc, "child JVM failed:\n" + out);
        Matcher m = RESULT.matcher(out);
        assertTrue(m.find(), "no result line:\n" + out);
        System.out.println("AcceptEmfileChildJvmTest: " + m.group());
        assertTrue(Integer.parseInt(m.group(1)) > 100, "descriptors used up: " + m.group(1));
        assertEquals("1", m.group(2), "errors logged while descriptors were exhausted");
        assertEquals("false", m.group(3), "accepted while descriptors were exhausted");
        assertEquals("1", m.group(4), "errors logged in all");
        assertEquals("hi", m.group(5));
        assertTrue(Double.parseDouble(m.group(6)) >= 1.0, "served " + m.group(6) + " s after the error");
        assertEquals("socket.accept() out of system resource", m.group(7));
        assertEquals(wording.equals("plain") ? "java.io.IOException: Too many open files"
                : "java.io.IOException: Trop de fichiers ouverts", m.group(8));
    }
}
