package io.asyncio4j;

/**
 * The keyword arguments of {@code create_task}: a name, a context, and eager start.
 *
 * @param name the task's name, or {@code null} for {@code Task-N}
 * @param context the context to run in, or {@code null} for a copy of the current one
 * @param eagerStart whether to run the task synchronously until it first suspends
 *                   (Python 3.12's {@code eager_start=True})
 */
public record TaskOptions(String name, Context context, boolean eagerStart) {
    /** No name, the current context copied, started from the loop as usual. */
    public static final TaskOptions DEFAULT = new TaskOptions(null, null, false);

    /**
     * {@return options with only a name}
     *
     * @param name the task's name
     */
    public static TaskOptions named(String name) {
        return new TaskOptions(name, null, false);
    }

    /**
     * {@return a copy with another name}
     *
     * @param name the name
     */
    public TaskOptions withName(String name) {
        return new TaskOptions(name, context, eagerStart);
    }

    /**
     * {@return a copy with another context}
     *
     * @param context the context
     */
    public TaskOptions withContext(Context context) {
        return new TaskOptions(name, context, eagerStart);
    }

    /**
     * {@return a copy with eager start on or off}
     *
     * @param eager whether to start eagerly
     */
    public TaskOptions withEagerStart(boolean eager) {
        return new TaskOptions(name, context, eager);
    }
}
