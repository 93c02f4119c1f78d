package io.asyncio4j.subprocess;

import java.util.List;

/** asyncio's {@code create_subprocess_exec/shell}. STUB: implemented by issue 3. */
public final class Subprocesses {
    private Subprocesses() {
    }

    public static Subprocess createSubprocessExec(List<String> args, SubprocessOptions options) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }

    public static Subprocess createSubprocessShell(String command, SubprocessOptions options) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }
}
