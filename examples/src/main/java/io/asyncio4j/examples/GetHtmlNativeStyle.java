package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "asyncio的基础使用" §1, "原生协程用法": {@code async def get_html} with
 * {@code await asyncio.sleep(2)}, run with {@code loop.run_until_complete}, timing the run.
 * Inside a coroutine, never block: {@code Asyncio.sleep} suspends the task, {@code Thread.sleep}
 * would hold the loop.
 */
public final class GetHtmlNativeStyle {
    private GetHtmlNativeStyle() {
    }

    static Void getHtml(String url) {
        System.out.println("start get url " + url);
        Asyncio.sleep(Pace.seconds(2));
        System.out.println("end get url");
        return null;
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        double start = Pace.now();
        EventLoop loop = Asyncio.getEventLoop();
        try {
            loop.runUntilComplete(() -> getHtml("ww.baidu.com"));
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
