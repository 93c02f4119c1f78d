package io.asyncio4j.benchmarks.peers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * The floor under every strand: raw {@code jdk.internal.vm.Continuation}, driven by a plain loop
 * with no scheduler, no futures and no queues. Needs
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} at run time; the class is reached
 * through method handles so the module still compiles with {@code --release 21}.
 * <ul>
 *   <li>{@code pingpong}: two continuations resumed alternately, each yields back at once;
 *       ns per resume (one task hand-off of the event-loop cases).</li>
 *   <li>{@code gather}: create N continuations, run each to its first yield, then to its end;
 *       ns per continuation.</li>
 * </ul>
 * Usage: {@code --case pingpong|gather [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class ContinuationFloorBench {
    private static final MethodHandle NEW_SCOPE;
    private static final MethodHandle NEW_CONTINUATION;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Class<?> scope = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
            // Adapted to Object-typed signatures once, so every call below is an invokeExact the JIT inlines.
            NEW_SCOPE = lookup.findConstructor(scope, MethodType.methodType(void.class, String.class))
                    .asType(MethodType.methodType(Object.class, String.class));
            NEW_CONTINUATION = lookup.findConstructor(cont, MethodType.methodType(void.class, scope, Runnable.class))
                    .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
            RUN = lookup.findVirtual(cont, "run", MethodType.methodType(void.class))
                    .asType(MethodType.methodType(void.class, Object.class));
            YIELD = lookup.findStatic(cont, "yield", MethodType.methodType(boolean.class, scope))
                    .asType(MethodType.methodType(boolean.class, Object.class));
            IS_DONE = lookup.findVirtual(cont, "isDone", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw new ExceptionInInitializerError(
                    "run with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED (" + e + ")");
        }
    }

    private ContinuationFloorBench() {}

    public static void main(String[] args) throws Throwable {
        Map<String, String> o = Out.options(args);
        String c = o.getOrDefault("case", "pingpong");
        int n = Out.intOption(o, "n", 100_000);
        Object scope = (Object) NEW_SCOPE.invokeExact("floor");
        switch (c) {
            case "pingpong" -> {
                Out.warmUp(o, () -> pingPong(scope, n));
                Out.emit(c, "switch", (double) pingPong(scope, n) / n, "ns/switch");
            }
            case "gather" -> {
                Out.warmUp(o, () -> gather(scope, n));
                Out.emit(c, "task", (double) gather(scope, n) / n, "ns/task");
            }
            default -> throw new IllegalArgumentException("unknown case " + c);
        }
    }

    private static Object yielding(Object scope, int times) throws Throwable {
        Runnable body = () -> {
            try {
                for (int i = 0; i < times; i++) {
                    boolean pinned = !(boolean) YIELD.invokeExact(scope);
                    if (pinned) throw new IllegalStateException("continuation pinned");
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
        return (Object) NEW_CONTINUATION.invokeExact(scope, body);
    }

    static long pingPong(Object scope, int switches) throws Throwable {
        int half = switches / 2;
        Object a = yielding(scope, half);
        Object b = yielding(scope, half);
        long start = System.nanoTime();
        for (int i = 0; i < half; i++) {
            RUN.invokeExact(a);
            RUN.invokeExact(b);
        }
        long elapsed = System.nanoTime() - start;
        RUN.invokeExact(a); // let both bodies return
        RUN.invokeExact(b);
        return elapsed;
    }

    static long gather(Object scope, int n) throws Throwable {
        long start = System.nanoTime();
        Object[] all = new Object[n];
        for (int i = 0; i < n; i++) {
            all[i] = yielding(scope, 1);
            RUN.invokeExact(all[i]);
        }
        for (Object c : all) {
            RUN.invokeExact(c);
            if (!(boolean) IS_DONE.invokeExact(c)) throw new IllegalStateException("continuation did not finish");
        }
        return System.nanoTime() - start;
    }
}
