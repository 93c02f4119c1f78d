package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "asyncio的基础使用" §6, "stop,close的区别": {@code stop()} ends
 * {@code run_forever} after the current iteration; {@code close()} releases the loop and is
 * refused while it runs. The tutorial calls {@code loop.close()} from a callback: asyncio (and
 * asyncio4j) reject it with "Cannot close a running event loop", the error goes to the loop's
 * exception handler, and the loop keeps running; here a last callback then stops it, and the
 * loop is closed once it has stopped.
 */
public final class StopVsClose {
    private StopVsClose() {
    }

    static void callBack(int x) {
        Pace.block(3);
        System.out.println("get " + x);
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        loop.setExceptionHandler((l, context) ->
                System.out.println("exception handler: " + ((Throwable) context.get("exception")).getMessage()));
        loop.callSoon(() -> callBack(32));
        loop.callSoon(loop::close);
        loop.callSoon(() -> {
            System.out.println("stopping instead");
            loop.stop();
        });
        loop.runForever();
        loop.close();
        System.out.println("closed: " + loop.isClosed());
    }
}
