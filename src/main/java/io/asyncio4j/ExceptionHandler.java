package io.asyncio4j;

import java.util.Map;

/**
 * Handles an error the loop caught: asyncio's exception handler, set with
 * {@link EventLoop#setExceptionHandler}.
 *
 * <p>The context map has asyncio's keys: {@code "message"} (always), and where they apply
 * {@code "exception"}, {@code "future"}, {@code "task"}, {@code "handle"}, {@code "protocol"},
 * {@code "transport"}, {@code "socket"}.
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles one error. It runs on the loop's thread; an exception it throws is logged and
     * otherwise ignored.
     *
     * @param loop the loop
     * @param context what happened
     */
    void handle(EventLoop loop, Map<String, Object> context);
}
