package io.asyncio4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the loop's exception handler received during one test, recorded by {@link LoopExtension}
 * (the contexts asyncio passes to {@code call_exception_handler}). A test that expects errors
 * takes them with {@link #take()}; anything left at the end of the test fails it.
 *
 * <p>Thread-safe: the handler runs on the loop's thread, the test may read from another.
 */
public final class LoopErrors {
    private final List<Map<String, Object>> contexts = new ArrayList<>();

    /** Creates an empty record; {@link LoopExtension} makes one per test. */
    public LoopErrors() {
    }

    /**
     * Records one call of the loop's exception handler.
     *
     * @param context the handler's context
     */
    public synchronized void record(Map<String, Object> context) {
        contexts.add(context);
        notifyAll();
    }

    /** {@return how many handler calls are recorded} */
    public synchronized int size() {
        return contexts.size();
    }

    /** {@return whether nothing is recorded} */
    public synchronized boolean isEmpty() {
        return contexts.isEmpty();
    }

    /** {@return a copy of the recorded contexts, oldest first} */
    public synchronized List<Map<String, Object>> all() {
        return List.copyOf(contexts);
    }

    /** {@return the recorded contexts, oldest first, and forgets them (they no longer fail the test)} */
    public synchronized List<Map<String, Object>> take() {
        List<Map<String, Object>> copy = List.copyOf(contexts);
        contexts.clear();
        return copy;
    }

    /** {@return the "message" of every recorded context, and forgets them} */
    public synchronized List<String> takeMessages() {
        return take().stream().map(c -> String.valueOf(c.get("message"))).toList();
    }

    /** Forgets every recorded context. */
    public synchronized void clear() {
        contexts.clear();
    }

    @Override
    public synchronized String toString() {
        return contexts.toString();
    }
}
