package io.asyncio4j.reactor;

/**
 * What an async generator body ({@link AsyncioReactor#flux(io.asyncio4j.EventLoop, Generator)})
 * emits through: kotlinx's {@code ProducerScope.send}. Use it only from the generator's own task.
 *
 * @param <T> the value type
 */
public interface Emitter<T> {
    /**
     * Sends {@code value} downstream, suspending the generator's task while the subscriber has
     * no outstanding demand.
     *
     * @param value the value, not null
     * @throws io.asyncio4j.CancelledError if the subscription was cancelled (let it propagate);
     *         the subscriber did not get {@code value}, so a generator that took it from
     *         somewhere (a queue, a stream) can put it back before propagating, as
     *         {@code fromQueue} and {@code bytes} do
     * @throws NullPointerException if {@code value} is null (Reactive Streams rule 2.13)
     */
    void emit(T value);

    /**
     * Suspends the generator's task until the subscriber has outstanding demand, without
     * emitting: lets a generator produce a value (read a socket, take from a queue) only once
     * it is wanted.
     *
     * @throws io.asyncio4j.CancelledError if the subscription was cancelled
     */
    void awaitDemand();

    /** {@return the subscriber's Reactor context} */
    reactor.util.context.ContextView context();
}
