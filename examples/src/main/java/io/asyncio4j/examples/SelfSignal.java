package io.asyncio4j.examples;

import sun.misc.Signal;

/**
 * Sends this process a real signal, the way a user's Ctrl-C would. The Ctrl-C examples use it
 * so that they end by themselves when nobody presses the keys.
 */
final class SelfSignal {
    private SelfSignal() {
    }

    /** Raises {@code signal} in this process now ({@code raise(3)}), as {@code kill -SIG PID} would. */
    static void send(String signal) {
        Signal.raise(new Signal(signal));
    }
}
