package io.asyncio4j.internal.strand;

import java.util.concurrent.locks.LockSupport;

/**
 * Portable mode: the strand is an ordinary virtual thread, and the loop hands it a baton. A step
 * is "give the strand the turn, wait until it gives the turn back". The loop itself runs on a
 * virtual thread in this mode, so a step is two switches between virtual threads on the JDK's
 * scheduler, with no platform thread to wake. Exactly one of the loop and its strands runs at
 * any time.
 */
final class PortableStrand extends Strand implements Runnable {
    private static final int LOOP = 0;
    private static final int STRAND = 1;
    private static final int DONE = 2;
    /**
     * How long a platform thread driving the loop spins for a step to end before parking. The
     * loop normally runs on a virtual thread in portable mode, where parking is cheap and
     * spinning would hold a carrier the strand needs, so it never spins there.
     */
    private static final long PLATFORM_SPIN_NANOS = 20_000;

    private final StrandHost loop;
    private final Thread thread;
    private volatile int turn = LOOP;
    private volatile boolean strandParked;
    private volatile boolean callerParked;
    private volatile Thread caller;
    private boolean started;

    private PortableStrand(StrandHost loop, Runnable body) {
        this.loop = loop;
        this.thread = Thread.ofVirtual().unstarted(() -> {
            // Everything inside the try: even an Error before the body starts (a class that fails
            // to load, say) must hand the baton back, or the loop would wait for this strand forever.
            try {
                bindToCurrentThread();
                awaitTurn();
                body.run();
            } finally {
                turn = DONE;
                if (callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        });
    }

    @Override
    public void start() {
        loop.appendFromAnyThread(this);
    }

    @Override
    public void startNow() {
        run();
    }

    @Override
    public void wake() {
        loop.appendFromAnyThread(this);
    }

    /** One step, run by the loop: hand the strand the turn and wait until it gives it back. */
    @Override
    public void run() {
        if (turn == DONE) {
            return;
        }
        caller = Thread.currentThread();
        turn = STRAND;
        if (!started) {
            started = true;
            thread.start();
        } else if (strandParked) {
            LockSupport.unpark(thread);
        }
        long deadline = Thread.currentThread().isVirtual() ? 0 : System.nanoTime() + PLATFORM_SPIN_NANOS;
        while (turn == STRAND) {
            if (System.nanoTime() > deadline) {
                callerParked = true;
                while (turn == STRAND) {
                    LockSupport.park(this);
                }
                callerParked = false;
                break;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void suspend() {
        turn = LOOP;
        if (callerParked) {
            LockSupport.unpark(caller);
        }
        awaitTurn();
    }

    @Override
    public void yieldNow() {
        loop.append(this);
        suspend();
    }

    private void awaitTurn() {
        if (turn == STRAND) {
            return;
        }
        strandParked = true;
        while (turn != STRAND) {
            LockSupport.park(this);
        }
        strandParked = false;
    }

    @Override
    public StackTraceElement[] stackTrace() {
        return thread.getStackTrace();
    }

    /** Makes portable strands. */
    static final class Factory extends StrandFactory {
        @Override
        public Strand create(StrandHost loop, Runnable body, String name) {
            return new PortableStrand(loop, body);
        }

        @Override
        public String mode() {
            return "portable";
        }

        @Override
        public boolean runsLoopOnVirtualThread() {
            return true;
        }
    }
}
