package io.asyncio4j.examples;

import java.io.IOException;

/**
 * Sends this process a real signal, the way a user's Ctrl-C would. The Ctrl-C examples use it
 * so that they end by themselves when nobody presses the keys.
 */
final class SelfSignal {
    private SelfSignal() {
    }

    static void send(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(ProcessHandle.current().pid()))
                    .inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to this process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
