package io.asyncio4j;

import java.util.function.Consumer;

/**
 * The body of {@link Asyncio#shield(Future)}: asyncio's {@code shield}. An outer future mirrors
 * the inner one; cancelling the outer one leaves the inner one running (its exception is then
 * marked retrieved, as asyncio's {@code _inner_done_callback} does).
 */
final class Shield {
    private Shield() {
    }

    /** See {@link Asyncio#shield(Future)}. */
    static <T> Future<T> future(Future<T> future) {
        if (future.done()) {
            return future;
        }
        Future<T> outer = future.getLoop().createFuture();
        Consumer<Future<T>> innerDone = inner -> {
            if (outer.cancelled()) {
                if (!inner.cancelled()) {
                    inner.exception();
                }
                return;
            }
            if (inner.cancelled()) {
                outer.cancel();
            } else {
                Throwable e = inner.exception();
                if (e != null) {
                    outer.setException(e);
                } else {
                    outer.setResult(inner.result());
                }
            }
        };
        future.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!future.done()) {
                future.removeDoneCallback(innerDone);
            }
        });
        CallGraph.shielded(future);
        return outer;
    }
}
