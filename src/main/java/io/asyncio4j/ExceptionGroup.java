package io.asyncio4j;

import java.util.List;

/**
 * Several unrelated exceptions raised together: Python's {@code ExceptionGroup}, as raised by
 * {@link TaskGroup} when one or more of its tasks failed.
 *
 * <p>The exceptions are kept in the order they happened; each is also attached as a
 * {@linkplain #getSuppressed() suppressed} exception so stack traces show them.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Throwable> exceptions;

    /**
     * Creates a group.
     *
     * @param message what failed
     * @param exceptions the exceptions, at least one
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0));
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != getCause()) {
                addSuppressed(t);
            }
        }
    }

    /**
     * {@return the exceptions of the group, in the order they happened}
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
