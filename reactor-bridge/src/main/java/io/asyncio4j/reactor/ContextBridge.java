package io.asyncio4j.reactor;

import io.asyncio4j.Context;
import io.asyncio4j.ContextVar;
import reactor.util.context.ContextView;

import java.util.Map;

/**
 * Moves values between asyncio4j {@link ContextVar}s and Reactor's {@code Context}: an entry
 * whose key is a {@code ContextVar} is the value of that variable.
 */
final class ContextBridge {
    private ContextBridge() {
    }

    /**
     * {@return a copy of the caller's asyncio4j context with every {@code ContextVar}-keyed entry
     * of {@code view} set} Used for the context of a task started by a subscription.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Context toAsyncio(ContextView view) {
        Context ctx = Context.copyCurrent();
        if (view.isEmpty()) {
            return ctx;
        }
        ctx.run(() -> view.stream().forEach(e -> {
            if (e.getKey() instanceof ContextVar var) {
                var.set(e.getValue());
            }
        }));
        return ctx;
    }

    /**
     * {@return the Reactor context a subscription made inside a task carries: the task's
     * ContextVar values, keyed by the variables}
     */
    static reactor.util.context.Context toReactor() {
        Map<ContextVar<?>, Object> values = Context.copyCurrent().values();
        if (values.isEmpty()) {
            return reactor.util.context.Context.empty();
        }
        return reactor.util.context.Context.of(values);
    }
}
