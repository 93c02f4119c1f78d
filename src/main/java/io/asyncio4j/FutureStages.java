package io.asyncio4j;

import io.asyncio4j.internal.loop.LoopRuntime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Interop between asyncio4j futures and {@link CompletionStage}s: the bodies of
 * {@link Future#toCompletableFuture()} and {@link Future#wrap} (asyncio's {@code wrap_future},
 * and {@code run_coroutine_threadsafe}'s concurrent future in the other direction). Either side
 * may complete on any thread; the asyncio4j side is completed and cancelled on its loop.
 */
final class FutureStages {
    private FutureStages() {
    }

    /** See {@link Future#toCompletableFuture()}. */
    static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        LoopRuntime loop = future.loop;
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    if (loop.inLoopContext()) {
                        future.cancel();
                    } else if (!loop.isClosed()) {
                        loop.callSoonThreadsafe(() -> future.cancel());
                    }
                }
                return cancelled;
            }
        };
        future.addWaiter(f -> {
            if (f.cancelled()) {
                cf.cancel(false);
                return;
            }
            Throwable exception = f.exception();
            if (exception != null) {
                cf.completeExceptionally(exception);
            } else {
                cf.complete(f.result());
            }
        });
        return cf;
    }

    /** See {@link Future#wrap}. */
    static <T> Future<T> wrap(CompletionStage<T> stage, EventLoop loop) {
        Future<T> f = loop.createFuture();
        f.addWaiter(done -> {
            if (done.cancelled() && stage instanceof java.util.concurrent.Future<?> jf) {
                jf.cancel(true);
            }
        });
        stage.whenComplete((value, error) -> {
            Runnable complete = () -> {
                if (f.done()) {
                    return;
                }
                Throwable cause = unwrapCompletion(error);
                if (cause instanceof java.util.concurrent.CancellationException) {
                    f.cancel();
                } else if (cause != null) {
                    f.setException(cause);
                } else {
                    f.setResult(value);
                }
            };
            if (LoopRuntime.of(loop).inLoopContext()) {
                complete.run();
            } else if (!loop.isClosed()) {
                try {
                    loop.callSoonThreadsafe(complete);
                } catch (IllegalStateException closed) {
                    // The loop closed meanwhile: nobody is left to be told.
                }
            }
        });
        return f;
    }

    private static Throwable unwrapCompletion(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
