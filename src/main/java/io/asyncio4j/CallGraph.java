package io.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Call-graph introspection: asyncio's {@code capture_call_graph}, {@code format_call_graph} and
 * {@code print_call_graph} (Python 3.14). It answers "why is this task stuck": what the task's
 * code is awaiting (its call stack) and which tasks await it, up to the root. A task records
 * itself as awaiting the future it suspends on; {@code gather}, {@link TaskGroup} and
 * {@code shield} record the task that called them as awaiting their children, as asyncio 3.14 does.
 *
 * <p>Frames are Java frames, innermost first; the JDK's and asyncio4j's own frames are left out.
 */
public final class CallGraph {
    private CallGraph() {
    }

    /**
     * {@return the call graph of the current task, or {@code null} when the caller runs in no
     * task} asyncio's {@code capture_call_graph()}.
     */
    public static FutureCallGraph capture() {
        Task<?> current = Task.current();
        return current == null ? null : capture(current);
    }

    /**
     * {@return the call graph of {@code future}} asyncio's {@code capture_call_graph(future)}.
     * Call it on the future's loop (its thread or one of its tasks).
     *
     * @param future a future or task
     */
    public static FutureCallGraph capture(Future<?> future) {
        Objects.requireNonNull(future, "future");
        return build(future, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * {@return the call graph of {@code future} as text} asyncio's {@code format_call_graph}:
     * each level is indented by four spaces under "Awaited by".
     *
     * @param future a future or task
     */
    public static String format(Future<?> future) {
        List<String> lines = new ArrayList<>();
        render(capture(future), lines, 0);
        return String.join("\n", lines);
    }

    /**
     * Prints the call graph of {@code future} and a line break to {@code out}: asyncio's
     * {@code print_call_graph(future, file=out)}.
     *
     * @param future a future or task
     * @param out where to print
     */
    public static void print(Future<?> future, Appendable out) {
        Objects.requireNonNull(out, "out");
        try {
            out.append(format(future)).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records that the current task awaits a shielded future until it is done (asyncio 3.14's shield). */
    static void shielded(Future<?> inner) {
        Task<?> current = Task.current();
        if (current != null && current != inner) {
            inner.addAwaitedBy(current);
            inner.addWaiter(f -> f.discardAwaitedBy(current));
        }
    }

    private static FutureCallGraph build(Future<?> future, Set<Future<?>> path) {
        List<FrameCallGraphEntry> stack = new ArrayList<>();
        if (future instanceof Task<?> task) {
            for (StackTraceElement e : task.getStack()) {
                if (isUserFrame(e)) {
                    stack.add(new FrameCallGraphEntry(e));
                }
            }
        }
        List<FutureCallGraph> parents = new ArrayList<>();
        path.add(future);
        for (Future<?> parent : future.awaitedBy()) {
            if (!path.contains(parent)) {
                parents.add(build(parent, path));
            }
        }
        path.remove(future);
        return new FutureCallGraph(future, stack, parents);
    }

    private static boolean isUserFrame(StackTraceElement e) {
        String c = e.getClassName();
        return !(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
                || c.startsWith("io.asyncio4j.internal.") || c.equals("io.asyncio4j.Task")
                || c.equals("io.asyncio4j.Future") || c.equals(CallGraph.class.getName()));
    }

    private static void render(FutureCallGraph g, List<String> lines, int level) {
        String indent = "    ".repeat(level);
        Future<?> f = g.future();
        String id = "0x" + Integer.toHexString(System.identityHashCode(f));
        lines.add(indent + (f instanceof Task<?> t ? "* Task(name='" + t.getName() + "', id=" + id + ")" : "* Future(id=" + id + ")"));
        if (!g.callStack().isEmpty()) {
            lines.add(indent + "  + Call stack:");
            for (FrameCallGraphEntry e : g.callStack()) {
                lines.add(indent + "  |   at " + e.frame());
            }
        }
        if (!g.awaitedBy().isEmpty()) {
            lines.add(indent + "  + Awaited by:");
            for (FutureCallGraph parent : g.awaitedBy()) {
                render(parent, lines, level + 1);
            }
        }
    }
}
