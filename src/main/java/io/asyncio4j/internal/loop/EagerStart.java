package io.asyncio4j.internal.loop;

import io.asyncio4j.internal.strand.Strand;

import java.util.ArrayDeque;

/**
 * Eager task start from inside a strand (asyncio's {@code eager_start=True}): the starting task
 * yields the loop to the new one and resumes right after it first suspends, with nothing else in
 * between. While {@link #active}, what the loop would append to its ready queue goes to a run-next
 * queue instead, which the loop drains right after the current entry.
 */
final class EagerStart {
    /** Entries that must run right after the current one. */
    private final ArrayDeque<Object> runNext = new ArrayDeque<>();
    /** Whether the loop routes new ready entries to {@link #runNext}. */
    boolean active;

    /**
     * Starts a task's strand at once, until it first suspends. From the loop's own thread the
     * strand runs synchronously; from another task's strand, that task yields to the new one.
     */
    void start(BaseLoop loop, Strand strand, boolean onLoopThread) {
        if (onLoopThread) {
            strand.startNow();
        } else {
            active = true;
            strand.start();
            Strand.yieldCurrentToRunNext(loop);
        }
    }

    void queue(Object entry) {
        runNext.add(entry);
    }

    boolean hasQueued() {
        return !runNext.isEmpty();
    }

    void clear() {
        runNext.clear();
    }

    /** Runs the run-next entries, and what eager starts inside them queue, in asyncio's order. */
    void drain(BaseLoop loop) {
        Object r;
        while ((r = runNext.pollFirst()) != null) {
            // Only the strand that starts an eager task (and the task itself) go to run-next; what
            // they schedule afterwards is ordinary ready work.
            active = false;
            int before = runNext.size();
            loop.runEntry(r);
            // An eager start inside this entry queued the new task and this entry's continuation:
            // they run before the older run-next entries, as nested eager steps do in asyncio.
            for (int added = runNext.size() - before; added > 0 && before > 0; added--) {
                runNext.addFirst(runNext.pollLast());
            }
        }
        active = false;
    }
}
