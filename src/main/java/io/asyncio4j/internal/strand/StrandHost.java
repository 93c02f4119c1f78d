package io.asyncio4j.internal.strand;

/**
 * What a strand needs from the loop that drives it: a place in its ready queue. The loop
 * ({@code internal.loop.BaseLoop}) is the only implementation; strands see nothing else of it.
 */
public interface StrandHost {
    /**
     * Queues a ready entry from the loop's thread or one of its strands.
     *
     * @param entry a strand step ({@link Runnable}) or a handle
     */
    void append(Object entry);

    /**
     * Queues a ready entry from any thread: directly when on the loop, else through its inbox.
     *
     * @param entry a strand step ({@link Runnable}) or a handle
     */
    void appendFromAnyThread(Object entry);

    /** Routes the next scheduling of the current strand to the run-next queue (eager start). */
    void enterRunNextMode();
}
