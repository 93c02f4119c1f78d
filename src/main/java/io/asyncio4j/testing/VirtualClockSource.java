package io.asyncio4j.testing;

import io.asyncio4j.internal.loop.LoopClock;

/**
 * Presents a {@link VirtualClock} to the loop: the public clock keeps no internal type in its
 * signature, and this adapter is what the loop reads.
 */
final class VirtualClockSource implements LoopClock {
    private final VirtualClock clock;

    VirtualClockSource(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public boolean isVirtual() {
        return true;
    }

    @Override
    public void advanceTo(long nanos) {
        clock.advanceTo(nanos);
    }

    @Override
    public long autojumpThresholdNanos() {
        return clock.autojumpThresholdNanos();
    }
}
