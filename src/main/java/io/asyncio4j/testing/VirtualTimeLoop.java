package io.asyncio4j.testing;

import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Runner;
import io.asyncio4j.internal.loop.LoopRuntime;

import java.util.Objects;

/**
 * Event loops on a {@link VirtualClock}, for tests: everything behaves as on a real loop except
 * that time jumps forward whenever the loop would otherwise wait for a timer. Or on an
 * {@link ExternalClock}, whose time something outside the loop moves.
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
        return create(new VirtualClock());
    }

    /**
     * {@return a new event loop reading {@code clock}}
     *
     * @param clock the virtual clock
     */
    public static EventLoop create(VirtualClock clock) {
        return LoopRuntime.create(new VirtualClockSource(Objects.requireNonNull(clock, "clock")));
    }

    /**
     * {@return a new event loop whose time is moved from outside it}: the loop reads
     * {@code clock}, tells it about every timer it schedules and every time it becomes idle, and
     * never jumps ahead by itself (see {@link ExternalClock} for the contract). Run it like any
     * loop, typically on a thread of its own with {@code runForever}, while another thread moves
     * time.
     *
     * @param clock the time source and its hooks
     */
    public static EventLoop create(ExternalClock clock) {
        ExternalClockAdapter adapter = new ExternalClockAdapter(Objects.requireNonNull(clock, "clock"));
        EventLoop loop = LoopRuntime.create(adapter);
        adapter.attach(loop);
        return loop;
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
