package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;

/**
 * A meeting point for a fixed number of tasks: asyncio's {@code asyncio.Barrier}.
 *
 * <p>Each task calls {@link #await()}; the first {@code parties - 1} suspend, and the arrival of
 * the last one releases them all. Each gets a distinct arrival index, {@code 0 ... parties-1}.
 * The barrier can be used again once every task has left it.
 *
 * <p>States, as asyncio's:
 * <pre>
 *   FILLING --last arrival--> DRAINING --last task out--> FILLING
 *   FILLING/DRAINING --reset()--> RESETTING --last task out--> FILLING
 *   any --abort()--> BROKEN
 * </pre>
 * Tasks arriving while it drains or resets wait until it fills again. Tasks waiting in a barrier
 * that is reset or aborted get {@link BrokenBarrierError}; so does every {@code await()} on a
 * broken barrier until {@link #reset()}.
 *
 * {@snippet :
 * Barrier barrier = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Asyncio.createTask(() -> { int index = barrier.await(); return index; });
 * }
 * }
 *
 * <p><b>Threading.</b> Use it from the tasks of one loop (see the package documentation).
 *
 * <p><b>Differences from asyncio.</b> {@code wait()} is {@link #await()} (as in
 * {@code CyclicBarrier}); {@code async with barrier as i:} is simply
 * {@code int i = barrier.await();} since leaving the block does nothing. {@code n_waiting} is
 * {@link #nWaiting()}; {@code parties} and {@code broken} are methods. A party count below 1
 * throws {@link IllegalArgumentException}.
 */
public final class Barrier extends LoopBound {
    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    /** Tasks inside await(): waiting, or released and not yet out. */
    private int count;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @param parties how many tasks must arrive to trip it
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks have arrived: asyncio's {@code Barrier.wait()}. If the
     * barrier is draining or resetting, first waits until it fills again.
     *
     * @return this task's arrival index, from 0 to {@code parties - 1}
     * @throws BrokenBarrierError if the barrier is broken, or is reset or aborted while waiting
     * @throws CancelledError if the task is cancelled while waiting
     * @throws IllegalStateException if called outside a task, or from another loop or thread
     */
    public int await() {
        checkLoop();
        try (Acquired held = cond.acquireScope()) {
            block();
            int index = count;
            count++;
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    waitInside();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    /** Blocks while draining or resetting; fails if broken. asyncio's {@code _block}. */
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    /** The last arrival: start draining and wake everyone. asyncio's {@code _release}. */
    private void release() {
        state = State.DRAINING;
        cond.notifyAllWaiters();
    }

    /** Waits for the barrier to trip; fails if it is reset or aborted meanwhile. asyncio's {@code _wait}. */
    private void waitInside() {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /** The last task out lets the barrier fill again. asyncio's {@code _exit}. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * Returns the barrier to its initial state: asyncio's {@code reset()}. Tasks waiting in it
     * get {@link BrokenBarrierError}; a broken barrier becomes usable again. Suspends briefly to
     * take the barrier's internal lock, so it must run in a task.
     */
    public void reset() {
        checkLoop();
        try (Acquired held = cond.acquireScope()) {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING;
                }
            } else {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /**
     * Breaks the barrier: asyncio's {@code abort()}. Waiting tasks, and every later
     * {@link #await()} until {@link #reset()}, get {@link BrokenBarrierError}. Must run in a task.
     */
    public void abort() {
        checkLoop();
        try (Acquired held = cond.acquireScope()) {
            state = State.BROKEN;
            cond.notifyAllWaiters();
        }
    }

    /** {@return how many tasks must arrive to trip the barrier} asyncio's {@code parties}. */
    public int parties() {
        return parties;
    }

    /** {@return how many tasks wait for the barrier to trip (0 unless filling)} asyncio's {@code n_waiting}. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** {@return whether the barrier is broken} asyncio's {@code broken}. */
    public boolean broken() {
        return state == State.BROKEN;
    }

    /** {@return the number of tasks inside {@code await()}, for tests} */
    int count() {
        return count;
    }

    /** {@return e.g. {@code <Barrier object at 0x1b6d3586 [filling, waiters:2/5]>}, as asyncio's repr} */
    @Override
    public String toString() {
        String extra = state.text;
        if (state != State.BROKEN) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<" + describe() + " [" + extra + "]>";
    }
}
