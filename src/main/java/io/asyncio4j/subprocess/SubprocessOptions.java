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

    /**
     * {@return a copy with stdin redirected}
     *
     * @param r where stdin comes from
     */
    public SubprocessOptions withStdin(Redirect r) {
        return new SubprocessOptions(r, stdout, stderr, cwd, env, limit);
    }

    /**
     * {@return a copy with stdout redirected}
     *
     * @param r where stdout goes
     */
    public SubprocessOptions withStdout(Redirect r) {
        return new SubprocessOptions(stdin, r, stderr, cwd, env, limit);
    }

    /**
     * {@return a copy with stderr redirected}
     *
     * @param r where stderr goes ({@link Redirect#STDOUT}: with stdout)
     */
    public SubprocessOptions withStderr(Redirect r) {
        return new SubprocessOptions(stdin, stdout, r, cwd, env, limit);
    }

    /**
     * {@return a copy with a working directory}
     *
     * @param dir the directory, or {@code null} to inherit
     */
    public SubprocessOptions withCwd(Path dir) {
        return new SubprocessOptions(stdin, stdout, stderr, dir, env, limit);
    }

    /**
     * {@return a copy with an environment}
     *
     * @param environment the whole environment, or {@code null} to inherit
     */
    public SubprocessOptions withEnv(Map<String, String> environment) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, environment, limit);
    }

    /**
     * {@return a copy with another StreamReader limit}
     *
     * @param bytes the limit
     */
    public SubprocessOptions withLimit(int bytes) {
        return new SubprocessOptions(stdin, stdout, stderr, cwd, env, bytes);
    }

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
