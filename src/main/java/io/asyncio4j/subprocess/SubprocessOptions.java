package io.asyncio4j.subprocess;

import java.nio.file.Path;
import java.util.Map;

/**
 * The keyword arguments of {@code create_subprocess_exec/shell}.
 *
 * @param stdin what the child's stdin is
 * @param stdout what the child's stdout is
 * @param stderr what the child's stderr is ({@link Redirect#STDOUT} merges it into stdout)
 * @param cwd the working directory, or {@code null}
 * @param env the environment, or {@code null} to inherit
 * @param limit the StreamReader limit for stdout/stderr (asyncio's 64 KiB)
 */
public record SubprocessOptions(Redirect stdin, Redirect stdout, Redirect stderr, Path cwd,
                                Map<String, String> env, int limit) {
    /** asyncio's defaults: every stream inherited. */
    public static final SubprocessOptions DEFAULT =
            new SubprocessOptions(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, null, null, 64 * 1024);

    /** All three streams piped. */
    public static final SubprocessOptions PIPES =
            new SubprocessOptions(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE, null, null, 64 * 1024);

    /** Where a child's stream goes: asyncio's {@code subprocess.PIPE}, {@code DEVNULL}, {@code STDOUT}. */
    public enum Redirect {
        /** A pipe to this process: a StreamWriter for stdin, a StreamReader for stdout/stderr. */
        PIPE,
        /** /dev/null. */
        DEVNULL,
        /** stderr only: into the same pipe as stdout. */
        STDOUT,
        /** The parent's own stream. */
        INHERIT
    }
}
