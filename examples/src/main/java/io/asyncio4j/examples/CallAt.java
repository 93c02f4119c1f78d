package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "call_soon call_later" §3, "call_at": callbacks at absolute times on the loop's own
 * clock ({@code loop.time()}, monotonic seconds), not the wall clock.
 */
public final class CallAt {
    private CallAt() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            double now = loop.time();
            System.out.printf("loop.time() = %.3f%n", now);
            loop.callAt(now + Pace.seconds(3), () -> StopVsClose.callBack(32));
            loop.callAt(now + Pace.seconds(2), () -> StopVsClose.callBack(31));
            loop.callAt(now + Pace.seconds(3), loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
    }
}
