package io.asyncio4j;

/**
 * The body of a task: asyncio's {@code async def}, written as plain sequential Java.
 *
 * <p>A coroutine runs on a task's strand when scheduled with {@link EventLoop#createTask} (or
 * {@link Asyncio#run}, {@link Asyncio#gather}, ...). Inside it, {@link Asyncio#await} suspends
 * the task until a future is done, without blocking the event loop's thread. Calling
 * {@link #call()} directly from another coroutine runs it inline, exactly like
 * {@code await coro()} in Python.
 *
 * {@snippet :
 * Coroutine<String> fetch = () -> {
 *     Asyncio.sleep(0.5);
 *     return "done";
 * };
 * String result = Asyncio.run(fetch);
 * }
 *
 * @param <T> the result type ({@code Void} and {@code return null} for none)
 */
@FunctionalInterface
public interface Coroutine<T> {
    /**
     * Runs the coroutine's body to its end.
     *
     * @return the result
     * @throws Exception whatever the body raises; it becomes the task's exception
     */
    T call() throws Exception;

    /**
     * Adapts a {@link Runnable}-like body that returns nothing.
     *
     * @param body the body
     * @return a coroutine whose result is {@code null}
     */
    static Coroutine<Void> of(ThrowingRunnable body) {
        return () -> {
            body.run();
            return null;
        };
    }

    /** A body that returns nothing and may throw, for {@link #of(ThrowingRunnable)}. */
    @FunctionalInterface
    interface ThrowingRunnable {
        /**
         * Runs the body.
         *
         * @throws Exception whatever the body raises
         */
        void run() throws Exception;
    }
}
