package io.asyncio4j;

import java.util.List;

/**
 * The typed forms of {@link Asyncio#gather}: asyncio's {@code gather} over a fixed number of
 * futures, whose result list is handed to a combining function instead of returned as
 * {@code List<Object>}. Failure and cancellation behave exactly as the list form's.
 */
final class TypedGather {
    /** The combining step, applied to the gathered list. */
    @FunctionalInterface
    interface ListCombiner<R> {
        R apply(List<Object> results) throws Exception;
    }

    private TypedGather() {
    }

    /**
     * {@return a future completed with {@code combine} applied to the gathered results} Cancelling
     * it cancels the gathering (and so every child); an exception from {@code combine} becomes its
     * exception.
     */
    static <R> Future<R> over(List<? extends Future<?>> futures, ListCombiner<R> combine) {
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i) == null) {
                throw new NullPointerException("gather: future #" + (i + 1) + " is null");
            }
        }
        Future<List<Object>> gathered = Asyncio.gather(futures, false);
        Future<R> outer = gathered.getLoop().createFuture();
        gathered.addDoneCallback(g -> {
            if (outer.done()) {
                return;
            }
            if (g.cancelled()) {
                outer.cancel();
                return;
            }
            Throwable e = g.exception();
            if (e != null) {
                outer.setException(e);
                return;
            }
            R value;
            try {
                value = combine.apply(g.result());
            } catch (Throwable t) {
                outer.setException(t);
                return;
            }
            outer.setResult(value);
        });
        outer.addDoneCallback(o -> {
            if (o.cancelled()) {
                gathered.cancel();
            }
        });
        return outer;
    }
}
