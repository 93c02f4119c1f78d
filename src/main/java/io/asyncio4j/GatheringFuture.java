package io.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The future {@link Asyncio#gather} returns: asyncio's {@code _GatheringFuture}. Cancelling it
 * cancels every child that is not done; it then ends cancelled once the children have reacted.
 *
 * @param <T> the type of the list elements
 */
final class GatheringFuture<T> extends Future<List<T>> {
    private final List<Future<?>> children;
    private final boolean returnExceptions;
    private int finished;
    private final int distinct;
    private boolean cancelRequested;

    /** The task that called gather, recorded as awaiting each child; or null. */
    private Task<?> awaiter;

    private GatheringFuture(EventLoop loop, List<Future<?>> children, int distinct, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = distinct;
        this.returnExceptions = returnExceptions;
    }

    /** Builds the gathering future over already-made children (duplicates allowed). */
    static <T> GatheringFuture<T> over(EventLoop loop, List<? extends Future<?>> futures, boolean returnExceptions) {
        Map<Future<?>, Boolean> seen = new IdentityHashMap<>(futures.size());
        for (Future<?> f : futures) {
            seen.put(f, Boolean.TRUE);
        }
        GatheringFuture<T> outer = new GatheringFuture<>(loop, new ArrayList<>(futures), seen.size(), returnExceptions);
        // asyncio 3.14: the task calling gather awaits each child (for the call graph).
        Task<?> awaiter = Task.current();
        outer.awaiter = awaiter;
        List<Future<?>> alreadyDone = null;
        for (Future<?> f : seen.keySet()) {
            if (f.done()) {
                if (alreadyDone == null) {
                    alreadyDone = new ArrayList<>();
                }
                alreadyDone.add(f);
            } else {
                // The outer future itself is the child's done callback: no closure per child.
                f.addGatherer(outer);
                if (awaiter != null) {
                    f.addAwaitedBy(awaiter);
                }
            }
        }
        if (alreadyDone != null) {
            for (Future<?> f : alreadyDone) {
                outer.childDone(f);
            }
        }
        return outer;
    }

    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean any = false;
        for (Future<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }

    /**
     * A child is done: asyncio's {@code _done_callback}, scheduled like any done callback.
     * Called from the ready queue through {@link Step}.
     */
    @SuppressWarnings("unchecked")
    void childDone(Future<?> child) {
        if (awaiter != null) {
            child.discardAwaitedBy(awaiter);
        }
        finished++;
        if (done()) {
            if (!child.cancelled()) {
                child.exception();
            }
            return;
        }
        if (!returnExceptions) {
            if (child.cancelled()) {
                setException(child.makeCancelledError());
                return;
            }
            Throwable e = child.exception();
            if (e != null) {
                setException(e);
                return;
            }
        }
        if (finished == distinct) {
            List<Object> results = new ArrayList<>(children.size());
            for (Future<?> f : children) {
                if (f.cancelled()) {
                    String msg = f.cancelMessage();
                    results.add(new CancelledError(msg == null ? "" : msg));
                } else {
                    Throwable e = f.exception();
                    results.add(e != null ? e : f.result());
                }
            }
            if (cancelRequested) {
                setException(child.makeCancelledError());
            } else {
                setResult((List<T>) results);
            }
        }
    }

    /**
     * The scheduled call of {@link #childDone} for one child: a {@link Handle} that is its own
     * callback, so a completion costs one small object instead of a closure and a handle.
     */
    static final class Step extends Handle implements Runnable {
        private final GatheringFuture<?> outer;
        private final Future<?> child;

        Step(GatheringFuture<?> outer, Future<?> child) {
            super(null, outer.getLoop(), null);
            this.outer = outer;
            this.child = child;
        }

        @Override
        public Runnable callback() {
            return this;
        }

        @Override
        public void run() {
            outer.childDone(child);
        }

        @Override
        public String toString() {
            return "Handle[gather done callback for " + child + "]";
        }
    }
}
