package io.asyncio4j.internal.strand;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Run by {@link StrandModeChildJvmTest} in a JVM of its own, without the fast-mode flag: reports
 * the strand mode, or the exception that asking for it threw, after running two loops.
 */
final class StrandModeChild {
    private StrandModeChild() {
    }

    public static void main(String[] args) {
        try {
            for (int i = 0; i < 2; i++) {
                EventLoop loop = Asyncio.newEventLoop();
                try {
                    loop.runUntilComplete(() -> Asyncio.sleep(0, null));
                } finally {
                    loop.close();
                }
            }
            System.out.println("MODE " + Asyncio.strandMode());
        } catch (RuntimeException e) {
            System.out.println("THREW " + e.getClass().getName() + ": " + e.getMessage());
        } catch (Error e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
