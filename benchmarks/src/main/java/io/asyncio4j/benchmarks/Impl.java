package io.asyncio4j.benchmarks;

import java.util.List;
import java.util.Set;

/**
 * One implementation a suite compares: a command line the harness launches as its own process
 * (a runner that prints JSON lines, or an echo server), and whether it can run here.
 *
 * <p>States: {@code READY} runs; {@code MISSING} is a peer that is not installed ({@link #note()}
 * says how to install it); {@code PENDING} is an asyncio4j runner whose class is not built yet.
 *
 * @param name    short label used in tables, JSON and charts (e.g. {@code uvloop-protocol})
 * @param command program and fixed arguments; the suite appends per-run options
 * @param status  whether the harness can run it
 * @param note    install command for MISSING, reason for PENDING, empty for READY
 * @param cases   the cases it implements; empty means all of its suite's cases
 */
public record Impl(String name, List<String> command, Status status, String note, Set<String> cases) {

    /** Whether an implementation can run on this machine now. */
    public enum Status { READY, MISSING, PENDING }

    /** A runnable implementation. */
    public static Impl ready(String name, List<String> command) {
        return new Impl(name, List.copyOf(command), Status.READY, "", Set.of());
    }

    /** A peer that is not installed; {@code install} is the command that installs it. */
    public static Impl missing(String name, String install) {
        return new Impl(name, List.of(), Status.MISSING, install, Set.of());
    }

    /** An asyncio4j runner that is not compiled yet. */
    public static Impl pending(String name, String reason) {
        return new Impl(name, List.of(), Status.PENDING, reason, Set.of());
    }

    /** The same implementation restricted to some cases of its suite. */
    public Impl onlyCases(String... names) {
        return new Impl(name, command, status, note, Set.of(names));
    }

    /** Whether this implementation has the given case. */
    public boolean supports(String caseName) {
        return cases.isEmpty() || cases.contains(caseName);
    }

    /** Whether the harness can run it. */
    public boolean runnable() {
        return status == Status.READY;
    }
}
