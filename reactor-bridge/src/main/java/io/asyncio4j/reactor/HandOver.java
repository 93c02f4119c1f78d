package io.asyncio4j.reactor;

import io.asyncio4j.CancelledError;

/**
 * Emits a value a generator already took from its source (a queue item, bytes read from a
 * stream), or gives it back to that source when the subscription is cancelled before the value
 * reaches the subscriber: a cancel racing the emission, from another thread, loses nothing.
 */
final class HandOver {
    private HandOver() {
    }

    /**
     * Emits {@code value}, waiting for demand; if the subscription is cancelled first, runs
     * {@code giveBack} (on the loop, in the generator's task) and rethrows the cancellation.
     *
     * @param out the generator's emitter
     * @param value the value taken from the source
     * @param giveBack puts the value back where the next take finds it first
     * @param <T> the value type
     */
    static <T> void emitOrGiveBack(Emitter<T> out, T value, Runnable giveBack) {
        try {
            out.emit(value);
        } catch (CancelledError e) {
            // emit() throws only before onNext: the subscriber never saw the value.
            giveBack.run();
            throw e;
        }
    }
}
