package io.asyncio4j.internal.loop;

import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop's exception handling: asyncio's {@code call_exception_handler} and
 * {@code default_exception_handler}, with the user's handler guarded so that its own failure is
 * logged instead of escaping into the loop.
 */
final class LoopExceptions {
    private final EventLoop loop;
    private ExceptionHandler handler;

    LoopExceptions(EventLoop loop) {
        this.loop = loop;
    }

    void setHandler(ExceptionHandler handler) {
        this.handler = handler;
    }

    ExceptionHandler handler() {
        return handler;
    }

    void call(Map<String, Object> context) {
        ExceptionHandler h = handler;
        if (h == null) {
            try {
                logDefault(context);
            } catch (Throwable e) {
                BaseLoop.LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler", e);
            }
            return;
        }
        try {
            h.handle(loop, context);
        } catch (Throwable e) {
            try {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Unhandled error in exception handler");
                ctx.put("exception", e);
                ctx.put("context", context);
                logDefault(ctx);
            } catch (Throwable ignored) {
                BaseLoop.LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler while handling an "
                        + "unexpected error in custom exception handler", ignored);
            }
        }
    }

    /** asyncio's {@code default_exception_handler}: one ERROR record with the context's entries. */
    static void logDefault(Map<String, Object> context) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        Throwable exception = context.get("exception") instanceof Throwable t ? t : null;
        StringBuilder sb = new StringBuilder(String.valueOf(message));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        BaseLoop.LOG.log(System.Logger.Level.ERROR, sb.toString(), exception);
    }
}
