package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;

/**
 * Gets work onto a loop's thread: directly when the caller already is the loop (its thread or
 * one of its tasks' strands), else through {@link EventLoop#callSoonThreadsafe}. Reactor lets
 * subscribers request and cancel from any thread, while asyncio4j futures may only be touched
 * on their loop; every adapter crosses that line here.
 */
final class Loops {
    private Loops() {
    }

    /** {@return whether the caller may touch {@code loop}'s futures directly} */
    static boolean onLoop(EventLoop loop) {
        return loop.inEventLoop();
    }

    /**
     * Runs {@code action} on the loop: now if the caller is on it, else soon.
     *
     * @return false if the loop is closed and the action was dropped
     */
    static boolean run(EventLoop loop, Runnable action) {
        if (onLoop(loop)) {
            action.run();
            return true;
        }
        return later(loop, action);
    }

    /**
     * Schedules {@code action} on the loop (never inline), from any thread. From another thread,
     * on a loop driven by a Reactor {@code VirtualTimeScheduler}, it also makes that scheduler
     * wait for the loop to handle the action before virtual time moves
     * ({@link SchedulerClock#settleAfterPost}); outside an advance that wait happens here.
     *
     * @return false if the loop is closed and the action was dropped
     */
    static boolean later(EventLoop loop, Runnable action) {
        try {
            if (onLoop(loop)) {
                loop.callSoon(action);
            } else {
                loop.callSoonThreadsafe(action);
                SchedulerClock.settleAfterPost(loop);
            }
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    /** {@return {@code t}, thrown without declaring it} Used to rethrow a task's checked errors. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
