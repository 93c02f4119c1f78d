package io.asyncio4j.internal.loop;

import io.asyncio4j.TimerHandle;

/**
 * The loop's access to a {@link TimerHandle}'s position in its timer heap, a private field of the
 * public class: {@code TimerHandle} installs the accessor when it is initialised (the JDK's
 * "shared secrets" pattern), so the field needs no public modifier. {@link TimerQueue} keeps the
 * accessor in a constant, which the JIT inlines.
 */
public final class TimerSlots {
    private static volatile Access access;

    private TimerSlots() {
    }

    /** Reads and writes a timer's heap index; implemented inside {@link TimerHandle}. */
    public interface Access {
        /**
         * {@return the timer's position in the heap, -1 when not in it}
         *
         * @param timer the timer
         */
        int heapIndex(TimerHandle timer);

        /**
         * Records the timer's position in the heap.
         *
         * @param timer the timer
         * @param index its position, -1 when it leaves the heap
         */
        void setHeapIndex(TimerHandle timer, int index);
    }

    /**
     * Called once, by {@link TimerHandle}'s static initialiser.
     *
     * @param a the accessor
     */
    public static void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("the timer accessor is already installed");
        }
        access = a;
    }

    static Access get() {
        if (access == null) {
            try {
                Class.forName(TimerHandle.class.getName(), true, TimerHandle.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return access;
    }
}
