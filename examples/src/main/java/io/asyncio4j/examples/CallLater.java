package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "call_soon call_later" §2, "call_later": callbacks delayed by 3 and 2 seconds run in
 * deadline order (31, then 32). The tutorial's loop runs forever; this one stops after the last
 * timer so the example ends by itself.
 */
public final class CallLater {
    private CallLater() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            loop.callLater(Pace.seconds(3), () -> StopVsClose.callBack(32));
            loop.callLater(Pace.seconds(2), () -> StopVsClose.callBack(31));
            loop.callLater(Pace.seconds(3), loop::stop);
            loop.runForever();
        } finally {
            loop.close();
        }
    }
}
