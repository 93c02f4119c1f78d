package io.asyncio4j;

import java.util.List;

/**
 * The async call graph of a future or task: asyncio's {@code FutureCallGraph} (Python 3.14).
 * Captured by {@link CallGraph#capture(Future)}.
 *
 * @param future the future or task
 * @param callStack for a task, the frames of its own code, innermost (where it awaits) first;
 *     empty for a plain future
 * @param awaitedBy the graphs of the tasks (and futures) awaiting it, up to the root
 */
public record FutureCallGraph(Future<?> future, List<FrameCallGraphEntry> callStack, List<FutureCallGraph> awaitedBy) {
    /** Copies the lists, so that a captured graph stays as it was. */
    public FutureCallGraph {
        callStack = List.copyOf(callStack);
        awaitedBy = List.copyOf(awaitedBy);
    }
}
