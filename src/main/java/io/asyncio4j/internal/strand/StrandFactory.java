package io.asyncio4j.internal.strand;

import io.asyncio4j.StrandMode;

/**
 * Creates the strands of one loop in the process's strand mode: {@code fast} (virtual threads
 * whose scheduler is the loop itself; needs {@code --add-opens java.base/java.lang=ALL-UNNAMED})
 * or {@code portable} (ordinary virtual threads handed a baton by the loop). Chosen by
 * {@code -Dasyncio4j.strands=fast|portable|auto}; {@code auto}, the default, picks fast when the
 * JVM allows it.
 */
public abstract class StrandFactory {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final StrandModeChoice CHOICE = new StrandModeChoice();
    private static volatile StrandMode mode;

    /**
     * Creates a strand that will run {@code body}.
     *
     * @param loop the loop that drives it
     * @param body the task's body
     * @param name the task's name, for debugging
     * @return the new, not yet started strand
     */
    public abstract Strand create(StrandHost loop, Runnable body, String name);

    /** {@return "fast" or "portable"} */
    public abstract String mode();

    /** {@return whether the loop should run on a virtual thread of its own (portable mode)} */
    public boolean runsLoopOnVirtualThread() {
        return false;
    }

    /**
     * {@return the factory for a new loop}
     *
     * @param loop the loop
     */
    public static StrandFactory forLoop(StrandHost loop) {
        if (processMode() == StrandMode.FAST && !Thread.currentThread().isVirtual()) {
            return new FastStrand.Factory(loop);
        }
        return new PortableStrand.Factory();
    }

    /**
     * {@return the process-wide strand mode} Decided on first use; logs one WARNING when it falls
     * back to portable strands.
     *
     * @throws IllegalStateException if {@code -Dasyncio4j.strands=fast} but the JVM does not allow it
     * @throws IllegalArgumentException if {@code -Dasyncio4j.strands} has an unknown value
     */
    public static StrandMode processMode() {
        StrandMode known = mode;
        if (known != null) {
            return known;
        }
        synchronized (StrandFactory.class) {
            if (mode == null) {
                String asked = System.getProperty("asyncio4j.strands", "auto");
                StrandMode chosen = StrandModeChoice.decide(asked, FastStrand.available(), FastStrand.unavailableReason());
                if (StrandModeChoice.isFallback(asked, chosen)) {
                    CHOICE.warnFallbackOnce(LOG);
                }
                LOG.log(System.Logger.Level.DEBUG, "asyncio4j strands run in " + chosen.propertyValue() + " mode");
                mode = chosen;
            }
            return mode;
        }
    }
}
