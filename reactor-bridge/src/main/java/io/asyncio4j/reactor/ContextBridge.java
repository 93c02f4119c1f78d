package io.asyncio4j.reactor;

import io.asyncio4j.Context;
import io.asyncio4j.ContextVar;
import reactor.util.context.ContextView;

import java.util.Map;

/**
 * Moves values between asyncio4j {@link ContextVar}s and Reactor's {@code Context}: an entry
 * whose key is a {@code ContextVar} is the value of that variable, and the subscriber's whole
 * {@link ContextView} travels in {@link #REACTOR_CONTEXT} so a publisher subscribed inside the
 * task sees every entry again.
 */
final class ContextBridge {
    /** The whole Reactor context of the subscription that started the current task. */
    static final ContextVar<ContextView> REACTOR_CONTEXT =
            new ContextVar<>("asyncio4j.reactor.context", reactor.util.context.Context.empty());

    private ContextBridge() {
    }

    /**
     * {@return a copy of the caller's asyncio4j context with every {@code ContextVar}-keyed entry
     * of {@code view} set} Used for the context of a task started by a subscription.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Context toAsyncio(ContextView view) {
        Context ctx = Context.copyCurrent();
        if (view.isEmpty() && !ctx.containsKey(REACTOR_CONTEXT)) {
            return ctx;
        }
        ctx.run(() -> {
            REACTOR_CONTEXT.set(view);
            view.stream().forEach(e -> {
                if (e.getKey() instanceof ContextVar var) {
                    var.set(e.getValue());
                }
            });
        });
        return ctx;
    }

    /**
     * {@return the Reactor context a subscription made inside a task carries: the whole context
     * of the subscription that started the task, with the task's ContextVar values (keyed by
     * the variables) on top}
     */
    static reactor.util.context.Context toReactor() {
        Map<ContextVar<?>, Object> values = Context.copyCurrent().values();
        reactor.util.context.Context out = reactor.util.context.Context.of(REACTOR_CONTEXT.get());
        for (Map.Entry<ContextVar<?>, Object> e : values.entrySet()) {
            if (!isInternal(e.getKey()) && e.getValue() != null) {
                out = out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** {@return the whole Reactor context of the subscription that started the current task} */
    static ContextView current() {
        return REACTOR_CONTEXT.get();
    }

    private static boolean isInternal(ContextVar<?> var) {
        return var == REACTOR_CONTEXT || var == ChildScope.CURRENT;
    }
}
