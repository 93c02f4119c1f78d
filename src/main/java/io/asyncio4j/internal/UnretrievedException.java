package io.asyncio4j.internal;

import io.asyncio4j.Context;
import io.asyncio4j.internal.loop.LoopRuntime;

import java.lang.ref.Cleaner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports "Future exception was never retrieved" when a future that failed is collected without
 * anyone having looked at its exception: asyncio's {@code Future.__del__} check. The tracker holds
 * no reference to the future, so it does not keep it alive.
 */
public final class UnretrievedException implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "asyncio4j-unretrieved-exceptions");
        t.setDaemon(true);
        return t;
    });

    private final Throwable error;
    private final LoopRuntime loop;
    private final String kind;
    private final String description;
    private final Context reportContext;
    private volatile boolean retrieved;
    private final Cleaner.Cleanable cleanable;

    private UnretrievedException(Object owner, Throwable error, LoopRuntime loop, String kind, Context reportContext) {
        this.error = error;
        this.reportContext = reportContext;
        this.loop = loop;
        this.kind = kind;
        this.description = owner.toString();
        this.cleanable = CLEANER.register(owner, this);
    }

    /**
     * Starts tracking a failed future.
     *
     * @param owner the future
     * @param error its exception
     * @param loop its loop
     * @param kind "Future" or "Task"
     * @param reportContext the context the report runs in (a task's own, as asyncio since
     *                      gh-96704), or null for the loop's
     * @return the tracker; call {@link #retrieved()} when the exception is looked at
     */
    public static UnretrievedException track(Object owner, Throwable error, LoopRuntime loop, String kind,
                                             Context reportContext) {
        return new UnretrievedException(owner, error, loop, kind, reportContext);
    }

    /** The exception was looked at: nothing to report. */
    public void retrieved() {
        retrieved = true;
        cleanable.clean();
    }

    @Override
    public void run() {
        if (retrieved) {
            return;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", kind + " exception was never retrieved");
        context.put("exception", error);
        context.put("future", description);
        loop.reportFromAnyThread(context, reportContext);
    }
}
