package io.asyncio4j;

import io.asyncio4j.internal.ContextCell;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values: Python's {@code contextvars.Context}.
 *
 * <p>Every thread, every task and every callback runs in a current context. A task gets a copy
 * of its creator's context when it is created ({@link #copyCurrent()}), callbacks run in the
 * context that was current when they were scheduled, so {@link ContextVar#set} inside a task
 * never leaks into another task.
 *
 * <p>Contexts are cheap to copy: the mapping is immutable and shared until one of the copies
 * sets a variable. A context is not thread-safe; like asyncio, use it from one thread at a time.
 */
public final class Context {
    private Map<ContextVar<?>, Object> values;
    private boolean entered;

    /** Creates a new empty context, like {@code contextvars.Context()}. */
    public Context() {
        this(Map.of());
    }

    private Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /**
     * {@return a shallow copy of the calling thread's current context}: Python's
     * {@code contextvars.copy_context()}.
     */
    public static Context copyCurrent() {
        return current().copy();
    }

    /**
     * {@return a copy of the current context, or {@code null} when it is empty} Callbacks
     * scheduled with a null context run in a fresh empty one, created only if they touch a
     * variable: the common case of scheduling without context variables allocates nothing.
     */
    public static Context snapshot() {
        Object c = ContextCell.get().value;
        if (c == null) {
            return null;
        }
        Context ctx = (Context) c;
        return ctx.values.isEmpty() ? null : new Context(ctx.values);
    }

    /** {@return the current context of the calling thread (not a copy)} */
    static Context current() {
        ContextCell cell = ContextCell.get();
        Object c = cell.value;
        if (c == null) {
            c = new Context();
            cell.value = c;
        }
        return (Context) c;
    }

    /** Makes {@code context} the calling thread's current context (a task's strand at start). */
    static void install(Context context) {
        ContextCell.get().value = context;
    }

    /** {@return a copy of this context: same values, independent from now on} */
    public Context copy() {
        return new Context(values);
    }

    /**
     * Runs {@code body} with this context as the current one, then restores the previous one:
     * Python's {@code Context.run}.
     *
     * @param body what to run
     * @param <T> the result type
     * @return what {@code body} returned
     * @throws IllegalStateException if this context is already entered (on any thread)
     * @throws Exception whatever {@code body} throws
     */
    public <T> T run(Callable<T> body) throws Exception {
        Object previous = enter();
        try {
            return body.call();
        } finally {
            exit(previous);
        }
    }

    /**
     * Runs {@code body} in this context, for bodies that throw no checked exception.
     *
     * @param body what to run
     * @throws IllegalStateException if this context is already entered
     */
    public void run(Runnable body) {
        Object previous = enter();
        try {
            body.run();
        } finally {
            exit(previous);
        }
    }

    /**
     * {@return the value of {@code var} in this context, or {@code null} if it has none}
     *
     * @param var the variable
     * @param <T> its type
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        return (T) values.get(var);
    }

    /**
     * {@return whether {@code var} has a value in this context}
     *
     * @param var the variable
     */
    public boolean containsKey(ContextVar<?> var) {
        return values.containsKey(var);
    }

    /** {@return an unmodifiable view of the variables and values in this context} */
    public Map<ContextVar<?>, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    Object rawGet(ContextVar<?> var) {
        return values.getOrDefault(var, ContextVar.MISSING);
    }

    void rawPut(ContextVar<?> var, Object value) {
        HashMap<ContextVar<?>, Object> next = new HashMap<>(values);
        if (value == ContextVar.MISSING) {
            next.remove(var);
        } else {
            next.put(var, value);
        }
        values = next;
    }

    @Override
    public String toString() {
        return "Context" + values;
    }

    private Object enter() {
        if (entered) {
            throw new IllegalStateException("cannot enter context: " + this + " is already entered");
        }
        entered = true;
        ContextCell cell = ContextCell.get();
        Object previous = cell.value;
        cell.value = this;
        return previous;
    }

    private void exit(Object previous) {
        entered = false;
        ContextCell.get().value = previous;
    }
}
