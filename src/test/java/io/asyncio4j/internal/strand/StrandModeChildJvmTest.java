package io.asyncio4j.internal.strand;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strand mode of a real process without {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * (a child JVM, since the mode is chosen once per process): auto mode falls back to portable
 * strands with exactly one WARNING naming both flags; explicit fast mode throws an
 * {@link IllegalStateException} that names them, not an initialiser error. No asyncio counterpart.
 */
class StrandModeChildJvmTest {

    private static String runChild(String strands) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of(java, "-Dasyncio4j.strands=" + strands, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), StrandModeChild.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "child JVM failed:\n" + out);
        return out;
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void autoWithoutTheFlagFallsBackToPortableWithOneWarning() throws Exception {
        String out = runChild("auto");
        assertTrue(out.contains("MODE PORTABLE"), out);
        assertEquals(1, count(out, "portable strand mode"), "one warning for two loops:\n" + out);
        assertTrue(out.contains("--add-opens java.base/java.lang=ALL-UNNAMED"), out);
        assertTrue(out.contains("--add-opens java.base/java.lang=io.asyncio4j"), out);
    }

    @Test
    void explicitFastWithoutTheFlagThrowsAnIllegalStateExceptionThatSaysTheFix() throws Exception {
        String out = runChild("fast");
        assertTrue(out.contains("THREW java.lang.IllegalStateException: -Dasyncio4j.strands=fast needs the JVM flag"
                + " --add-opens java.base/java.lang=ALL-UNNAMED (class path) or"
                + " --add-opens java.base/java.lang=io.asyncio4j (module path)"), out);
    }

    @Test
    void explicitPortableIsSilent() throws Exception {
        String out = runChild("portable");
        assertTrue(out.contains("MODE PORTABLE"), out);
        assertEquals(0, count(out, "portable strand mode"), out);
    }
}
