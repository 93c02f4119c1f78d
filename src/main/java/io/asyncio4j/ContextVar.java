package io.asyncio4j;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A context variable: Python's {@code contextvars.ContextVar}.
 *
 * <p>Its value lives in the current {@link Context}; each task runs in a copy of its creator's
 * context, so a value set in one task is invisible to the others, and a callback sees the values
 * that were current when it was scheduled.
 *
 * {@snippet :
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 *
 * Coroutine<Void> handle = () -> {
 *     ContextVar.Token<String> token = REQUEST_ID.set("42");
 *     try {
 *         log("handling " + REQUEST_ID.get());
 *     } finally {
 *         REQUEST_ID.reset(token);
 *     }
 *     return null;
 * };
 * }
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<MISSING>";
        }
    };

    private final String name;
    private final Object defaultValue;

    /**
     * Creates a variable with no default: {@link #get()} throws until it is set.
     *
     * @param name its name, for messages
     */
    public ContextVar(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = MISSING;
    }

    /**
     * Creates a variable with a default value.
     *
     * @param name its name, for messages
     * @param defaultValue the value {@link #get()} returns while the variable is not set
     */
    public ContextVar(String name, T defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = defaultValue;
    }

    /** {@return the variable's name} */
    public String name() {
        return name;
    }

    /**
     * {@return the value in the current context, else the variable's default}
     *
     * @throws NoSuchElementException if neither exists (Python's {@code LookupError})
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = Context.current().rawGet(this);
        if (v == MISSING) {
            v = defaultValue;
        }
        if (v == MISSING) {
            throw new NoSuchElementException("ContextVar '" + name + "' has no value and no default");
        }
        return (T) v;
    }

    /**
     * {@return the value in the current context, else {@code fallback}} The variable's own default
     * is not consulted, as in Python's {@code get(default)}.
     *
     * @param fallback returned when the variable is not set
     */
    @SuppressWarnings("unchecked")
    public T get(T fallback) {
        Object v = Context.current().rawGet(this);
        return v == MISSING ? fallback : (T) v;
    }

    /**
     * Sets the value in the current context.
     *
     * @param value the new value
     * @return a token that {@link #reset(Token)} takes to restore the previous value
     */
    public Token<T> set(T value) {
        Context ctx = Context.current();
        Object old = ctx.rawGet(this);
        ctx.rawPut(this, value);
        return new Token<>(this, ctx, old);
    }

    /**
     * Restores the value the variable had before the {@link #set} that returned {@code token}.
     *
     * @param token the token
     * @throws IllegalStateException if the token was already used
     * @throws IllegalArgumentException if the token belongs to another variable or context
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new IllegalStateException("Token " + token + " has already been used once");
        }
        if (token.var != this) {
            throw new IllegalArgumentException("Token " + token + " was created by a different ContextVar");
        }
        Context ctx = Context.current();
        if (token.context != ctx) {
            throw new IllegalArgumentException("Token " + token + " was created in a different Context");
        }
        token.used = true;
        ctx.rawPut(this, token.oldValue);
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (defaultValue == MISSING ? "" : " default=" + defaultValue) + ">";
    }

    /**
     * What {@link ContextVar#set} returns: restores the previous value via
     * {@link ContextVar#reset}. Python's {@code contextvars.Token}.
     *
     * @param <T> the variable's value type
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final Object oldValue;
        private boolean used;

        private Token(ContextVar<T> var, Context context, Object oldValue) {
            this.var = var;
            this.context = context;
            this.oldValue = oldValue;
        }

        /** {@return the variable this token restores} */
        public ContextVar<T> var() {
            return var;
        }

        /** {@return whether the variable had a value before the set} */
        public boolean hadOldValue() {
            return oldValue != MISSING;
        }

        /**
         * {@return the value before the set}
         *
         * @throws NoSuchElementException if there was none ({@link #hadOldValue()} is false)
         */
        @SuppressWarnings("unchecked")
        public T oldValue() {
            if (oldValue == MISSING) {
                throw new NoSuchElementException(var.name + " had no value before this set");
            }
            return (T) oldValue;
        }

        @Override
        public String toString() {
            return "<Token var=" + var + (used ? " used" : "") + ">";
        }
    }
}
