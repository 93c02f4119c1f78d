package io.asyncio4j.internal.loop;

/**
 * Portable strand mode runs the loop itself on a virtual thread while the caller waits, so that
 * handing the loop to a strand and back is a switch between two virtual threads on the same
 * scheduler instead of a wake-up of a parked platform thread.
 */
final class VirtualLoopThread {
    private VirtualLoopThread() {
    }

    /**
     * Runs {@code loopBody} on a new virtual thread and waits for it, uninterruptibly; an
     * interrupt that arrived meanwhile is restored on the caller.
     *
     * @return what {@code loopBody} threw, or null
     */
    static Throwable runAndJoin(Runnable loopBody) {
        Thread caller = Thread.currentThread();
        Throwable[] failure = new Throwable[1];
        Thread loopThread = Thread.ofVirtual().name("asyncio4j-loop").unstarted(() -> {
            try {
                loopBody.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        loopThread.start();
        boolean interrupted = false;
        while (true) {
            try {
                loopThread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            caller.interrupt();
        }
        return failure[0];
    }
}
