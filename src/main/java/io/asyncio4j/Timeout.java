package io.asyncio4j;

import io.asyncio4j.internal.Delays;

/**
 * A deadline scope: asyncio's {@code asyncio.Timeout}, entered with {@link Asyncio#timeout} or
 * {@link Asyncio#timeoutAt}.
 *
 * <p>When the deadline passes, the task running the scope is cancelled; when the resulting
 * {@link CancelledError} leaves the scope, it becomes a {@link TimeoutError}. A cancellation that
 * came from elsewhere (another {@code cancel()} call) is told apart by the task's
 * {@linkplain Task#cancelling() cancellation count} and passes through unchanged, so nested
 * timeouts and outside cancellations compose as in asyncio.
 *
 * <p>States (asyncio's names): {@code created -> active -> (expiring -> expired | finished)}.
 *
 * {@snippet :
 * String page = Asyncio.timeout(10, scope -> {
 *     String head = fetchHead();
 *     scope.reschedule(scope.when() + 5);   // give the body more time
 *     return head + fetchBody();
 * });
 * }
 *
 * <p><b>No deadline.</b> asyncio spells it {@code None}; here it is {@link #NEVER}
 * ({@link Double#POSITIVE_INFINITY}): {@link #when()} returns it, {@link #reschedule(double)}
 * takes it, and arithmetic on it stays "never" ({@code NEVER + 5 == NEVER}).
 */
public final class Timeout {
    /**
     * The deadline of a scope that has none: {@link Double#POSITIVE_INFINITY}, asyncio's
     * {@code None}. Every timeout parameter of the API accepts it as "no limit".
     */
    public static final double NEVER = Double.POSITIVE_INFINITY;

    private enum State { CREATED, ACTIVE, EXPIRING, EXPIRED, FINISHED }

    /**
     * The body of a timeout scope, given the scope so it can look at or move the deadline.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Runs the body.
         *
         * @param scope the timeout scope
         * @return the result
         * @throws Exception whatever the body raises
         */
        T run(Timeout scope) throws Exception;
    }

    private State state = State.CREATED;
    private double when;
    private Handle handler;
    private Task<?> task;
    private int cancellingAtEntry;

    Timeout(double when) {
        this.when = Delays.checked(when, "when");
    }

    /**
     * {@return the deadline in loop time ({@link EventLoop#time()}), or {@link #NEVER} for none}
     * asyncio's {@code Timeout.when()}, which returns {@code None} when unset.
     */
    public double when() {
        return when;
    }

    /**
     * Moves the deadline: asyncio's {@code Timeout.reschedule}.
     *
     * @param newWhen the new deadline in loop time, or {@link #NEVER} for none
     * @throws IllegalStateException if the scope is not running
     * @throws IllegalArgumentException if {@code newWhen} is NaN
     */
    public void reschedule(double newWhen) {
        Delays.checked(newWhen, "newWhen");
        if (state != State.ACTIVE) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
        }
        when = newWhen;
        if (handler != null) {
            handler.cancel();
        }
        if (newWhen == NEVER) {
            handler = null;
        } else {
            EventLoop loop = task.getLoop();
            handler = newWhen <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(newWhen, this::onTimeout);
        }
    }

    /** {@return whether the deadline passed and the scope cancelled its task} */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handler = null;
    }

    <T> T run(Body<T> body) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> current = Task.current();
        if (current == null) {
            throw Task.notInTask("timeout");
        }
        state = State.ACTIVE;
        task = current;
        cancellingAtEntry = current.cancelling();
        reschedule(when);
        T result;
        try {
            result = body.run(this);
        } catch (Throwable e) {
            throw io.asyncio4j.internal.Sneaky.rethrow(exit(e));
        }
        exit(null);
        return result;
    }

    /** asyncio's {@code Timeout.__aexit__}: returns what to throw (a TimeoutError or {@code error}). */
    private Throwable exit(Throwable error) {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingAtEntry && error != null) {
                if (error instanceof CancelledError) {
                    return new TimeoutError("timed out", error);
                }
                error.addSuppressed(new TimeoutError("timed out while this exception propagated"));
            }
        } else if (state == State.ACTIVE) {
            state = State.FINISHED;
        }
        return error;
    }

    @Override
    public String toString() {
        // asyncio's Timeout.__repr__: the deadline is shown only while the scope is active.
        return "<Timeout [" + state.name().toLowerCase() + "]" + (state == State.ACTIVE ? " when=" + (when == NEVER ? "None" : when) : "") + ">";
    }
}
