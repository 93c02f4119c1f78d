package io.asyncio4j;

/**
 * One frame of a task's call stack in a {@link FutureCallGraph}: asyncio's
 * {@code FrameCallGraphEntry} (Python 3.14). Strands have real stacks, so the frame is the Java
 * frame where the task's code is, down to where it awaits.
 *
 * @param frame the frame
 */
public record FrameCallGraphEntry(StackTraceElement frame) {
}
