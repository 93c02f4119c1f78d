package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.subprocess.Subprocess;
import io.asyncio4j.subprocess.SubprocessOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.asyncio4j.Asyncio.createSubprocessExec;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ports of CPython 3.13 {@code test_subprocess.py} cases not covered by the other subprocess tests. */
@ExtendWith(LoopExtension.class)
class SubprocessPortTest {
    /**
     * Ports test_subprocess.py SubprocessMixin.test_devstdin_input: a child reading /dev/stdin
     * gets what communicate() sends (the child is sh instead of a Python one-liner).
     */
    @Test
    void childReadingDevStdinGetsTheInput(EventLoop loop) {
        String[] out = new String[1];
        int exitcode = loop.runUntilComplete(() -> {
            Subprocess proc = createSubprocessExec(List.of("sh", "-c", "wc -c < /dev/stdin"), SubprocessOptions.PIPES);
            Subprocess.Output output = proc.communicate("abc".getBytes(StandardCharsets.US_ASCII));
            out[0] = new String(output.stdout(), StandardCharsets.US_ASCII).strip();
            return proc.waitFor();
        });
        assertEquals("3", out[0]);
        assertEquals(0, exitcode);
    }
}
