package io.asyncio4j;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The core on the module path: the suites run on the class path (they reach into internal
 * packages), so this test starts a child JVM with the compiled core as the named module
 * {@code io.asyncio4j} and runs a small program against it ({@code modulepath/ModulePathProbe.java},
 * through the source launcher). It proves the descriptor resolves without BlockHound (a static
 * requirement), exports the API but not {@code internal}, and that both strand modes work there;
 * fast mode with the module-path spelling of its flag, {@code --add-opens java.base/java.lang=io.asyncio4j}.
 */
@Timeout(120)
class ModulePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"fast", "portable"})
    void runsAsANamedModule(String mode) throws IOException, InterruptedException, URISyntaxException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path coreClasses = Path.of(EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path probe = Path.of(getClass().getResource("/modulepath/ModulePathProbe.java").toURI());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "--module-path", coreClasses.toString(), "--add-modules", "io.asyncio4j",
                "-Dasyncio4j.strands=" + mode));
        if (mode.equals("fast")) {
            cmd.add("--add-opens=java.base/java.lang=io.asyncio4j");
        }
        cmd.add(probe.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "child JVM failed:\n" + out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("module=io.asyncio4j"), out);
        assertTrue(lines.contains("exportsApi=true"), out);
        assertTrue(lines.contains("exportsInternal=false"), out);
        assertTrue(lines.contains("mode=" + mode.toUpperCase(Locale.ROOT)), out);
        assertTrue(lines.contains("result=42"), out);
    }
}
