package io.asyncio4j;

import java.util.concurrent.CancellationException;

/**
 * The operation was cancelled: asyncio's {@code asyncio.CancelledError}.
 *
 * <p>It is thrown at the {@code await} point of a task that was cancelled, and by
 * {@link Future#result()} of a cancelled future. It extends {@link CancellationException} so
 * {@code CompletableFuture} and Reactor recognise it.
 *
 * <p><b>Differences from asyncio.</b> Python makes {@code CancelledError} a
 * {@code BaseException} so that {@code except Exception} does not swallow it. Java cannot: an
 * ordinary {@code catch (Exception e)} or {@code catch (RuntimeException e)} catches it too.
 * Always rethrow it, or put a dedicated clause first:
 * {@snippet :
 * try {
 *     Asyncio.await(work);
 * } catch (CancelledError e) {
 *     throw e;                 // let cancellation through
 * } catch (Exception e) {
 *     log(e);
 * }
 * }
 * or call {@link #rethrowIfCancelled(Throwable)} at the top of a broad handler.
 */
public class CancelledError extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates a cancellation with no message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates a cancellation carrying the message given to {@code cancel(msg)}.
     *
     * @param message the cancel message, or {@code null}
     */
    public CancelledError(String message) {
        super(message);
    }

    /**
     * Rethrows {@code t} if it is a {@link CancelledError}; otherwise returns normally.
     * Use it first thing in a {@code catch (Exception e)} block inside a task.
     *
     * @param t the caught exception
     */
    public static void rethrowIfCancelled(Throwable t) {
        if (t instanceof CancelledError c) {
            throw c;
        }
    }
}
