package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "call_soon call_later" §1, "call_soon和停止循环": {@code call_soon} runs a callback on
 * the next iteration, in order; {@code loop.stop()} from a later callback ends
 * {@code run_forever}. The callback blocks on purpose ({@code time.sleep(3)}) to show that a
 * callback holds the loop while it runs.
 */
public final class CallSoonStop {
    private CallSoonStop() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            loop.callSoon(() -> StopVsClose.callBack(32));
            loop.callSoon(loop::stop);
            loop.runForever();
            System.out.println("loop stopped");
        } finally {
            loop.close();
        }
    }
}
