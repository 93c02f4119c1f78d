package io.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/** Formats {@link Task#printStack(Integer, Appendable)}: asyncio's {@code base_tasks._task_print_stack}. */
final class TaskStackPrinter {
    private TaskStackPrinter() {
    }

    static void print(Task<?> task, StackTraceElement[] stack, Throwable exception, Integer limit, Appendable out) {
        Objects.requireNonNull(out, "out");
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        StackTraceElement[] frames;
        String header;
        if (exception != null) {
            StackTraceElement[] trace = exception.getStackTrace();
            // A traceback keeps its oldest frames (the end of a Java trace).
            frames = limit == null || limit >= trace.length ? trace
                    : Arrays.copyOfRange(trace, trace.length - limit, trace.length);
            header = "Traceback for " + task + " (most recent call first):";
        } else {
            // A stack keeps its newest frames (the start of a Java trace).
            frames = limit == null || limit >= stack.length ? stack : Arrays.copyOf(stack, limit);
            header = "Stack for " + task + " (most recent call first):";
        }
        StringBuilder sb = new StringBuilder();
        if (frames.length == 0 && exception == null) {
            sb.append("No stack for ").append(task).append('\n');
        } else {
            sb.append(header).append('\n');
            for (StackTraceElement f : frames) {
                sb.append("\tat ").append(f).append('\n');
            }
            if (exception != null) {
                sb.append(exception).append('\n');
            }
        }
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out instanceof java.io.Flushable f) {
            try {
                f.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
