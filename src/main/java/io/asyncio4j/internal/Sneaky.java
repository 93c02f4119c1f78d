package io.asyncio4j.internal;

/** Rethrows any throwable unchanged, checked or not, the way an {@code await} re-raises. */
public final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t} as is. Declared to return an exception so callers can write
     * {@code throw Sneaky.rethrow(t)} and keep the compiler's flow analysis.
     *
     * @param t what to throw
     * @return never returns
     */
    public static RuntimeException rethrow(Throwable t) {
        throw Sneaky.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
