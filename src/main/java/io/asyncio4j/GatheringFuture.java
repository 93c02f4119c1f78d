package io.asyncio4j;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

    private GatheringFuture(EventLoop loop, List<Future<?>> children, int distinct, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = distinct;
        this.returnExceptions = returnExceptions;
    }

    /** Builds the gathering future over already-made children (duplicates allowed). */
    static <T> GatheringFuture<T> over(EventLoop loop, List<? extends Future<?>> futures, boolean returnExceptions) {
        Map<Future<?>, Boolean> seen = new IdentityHashMap<>();
        for (Future<?> f : futures) {
            seen.put(f, Boolean.TRUE);
        }
        GatheringFuture<T> outer = new GatheringFuture<>(loop, new ArrayList<>(futures), seen.size(), returnExceptions);
        List<Future<?>> alreadyDone = new ArrayList<>();
        Consumer<Future<?>> onDone = outer::childDone;
        for (Future<?> f : seen.keySet()) {
            if (f.done()) {
                alreadyDone.add(f);
            } else {
                addCallback(f, onDone);
            }
        }
        for (Future<?> f : alreadyDone) {
            outer.childDone(f);
        }
        return outer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addCallback(Future<?> f, Consumer<Future<?>> cb) {
        ((Future) f).addDoneCallback(cb);
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

    @SuppressWarnings("unchecked")
    private void childDone(Future<?> child) {
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
}
