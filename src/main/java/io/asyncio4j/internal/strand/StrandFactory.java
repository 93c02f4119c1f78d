package io.asyncio4j.internal.strand;

import java.util.Locale;

/**
 * Creates the strands of one loop in the process's strand mode: {@code fast} (virtual threads
 * whose scheduler is the loop itself; needs {@code --add-opens java.base/java.lang=ALL-UNNAMED})
 * or {@code portable} (ordinary virtual threads handed a baton by the loop). Chosen by
 * {@code -Dasyncio4j.strands=fast|portable|auto}; {@code auto}, the default, picks fast when the
 * JVM allows it.
 */
public abstract class StrandFactory {
    private static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final String MODE = resolveMode();

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
        if (MODE.equals("fast") && !Thread.currentThread().isVirtual()) {
            return new FastStrand.Factory(loop);
        }
        return new PortableStrand.Factory();
    }

    /** {@return the process-wide strand mode, "fast" or "portable"} */
    public static String processMode() {
        return MODE;
    }

    private static String resolveMode() {
        String asked = System.getProperty("asyncio4j.strands", "auto").toLowerCase(Locale.ROOT);
        String mode = switch (asked) {
            case "fast" -> {
                if (!FastStrand.available()) {
                    throw new IllegalStateException("asyncio4j.strands=fast needs the JVM flag "
                            + "--add-opens java.base/java.lang=ALL-UNNAMED (" + FastStrand.unavailableReason() + ")");
                }
                yield "fast";
            }
            case "portable" -> "portable";
            case "auto" -> FastStrand.available() ? "fast" : "portable";
            default -> throw new IllegalArgumentException("asyncio4j.strands must be fast, portable or auto, not '" + asked + "'");
        };
        LOG.log(System.Logger.Level.DEBUG, "asyncio4j strands run in " + mode + " mode");
        return mode;
    }
}
