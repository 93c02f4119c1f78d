package io.asyncio4j.internal.loop;

import io.asyncio4j.EventLoop;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The loop's signal handlers (asyncio's {@code add_signal_handler}), over {@code sun.misc.Signal}:
 * the JVM calls the handler on its signal thread, which hands the callback to the loop with
 * {@code callSoonThreadsafe}.
 */
final class SignalHandlers {
    private final EventLoop loop;
    private final Map<String, SignalHandler> previous = new HashMap<>();

    SignalHandlers(EventLoop loop) {
        this.loop = loop;
    }

    void add(String name, Runnable callback) {
        String sig = normalize(name);
        SignalHandler handler = s -> {
            if (!loop.isClosed()) {
                loop.callSoonThreadsafe(callback);
            }
        };
        SignalHandler old;
        try {
            old = Signal.handle(new Signal(sig), handler);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signal SIG" + sig + " cannot be handled in this JVM: " + e.getMessage(), e);
        }
        previous.putIfAbsent(sig, old);
    }

    boolean remove(String name) {
        String sig = normalize(name);
        SignalHandler old = previous.remove(sig);
        if (old == null) {
            return false;
        }
        Signal.handle(new Signal(sig), old);
        return true;
    }

    void removeAll() {
        for (String sig : previous.keySet().toArray(String[]::new)) {
            remove(sig);
        }
    }

    private static String normalize(String name) {
        String s = name.toUpperCase(Locale.ROOT);
        return s.startsWith("SIG") ? s.substring(3) : s;
    }
}
