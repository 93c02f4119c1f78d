package io.asyncio4j.testing;

import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.internal.BaseLoop;

/**
 * Event loops on a {@link VirtualClock}, for tests: everything behaves as on a real loop except
 * that time jumps forward whenever the loop would otherwise wait for a timer.
 *
 * {@snippet :
 * EventLoop loop = VirtualTimeLoop.create();
 * double took = loop.runUntilComplete(() -> {
 *     double t0 = loop.time();
 *     Asyncio.sleep(3600);              // returns at once in real time
 *     return loop.time() - t0;          // 3600.0
 * });
 * }
 */
public final class VirtualTimeLoop {
    private VirtualTimeLoop() {
    }

    /** {@return a new event loop on a fresh virtual clock} */
    public static EventLoop create() {
        return new BaseLoop(new VirtualClock());
    }

    /**
     * {@return a new event loop reading {@code clock}}
     *
     * @param clock the virtual clock
     */
    public static EventLoop create(VirtualClock clock) {
        return new BaseLoop(clock);
    }

    /**
     * Like {@link io.asyncio4j.Asyncio#run}, on a virtual-time loop.
     *
     * @param main the main coroutine
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(Coroutine<T> main) {
        try (Runner runner = new Runner(null, VirtualTimeLoop::create)) {
            return runner.run(main);
        }
    }
}
