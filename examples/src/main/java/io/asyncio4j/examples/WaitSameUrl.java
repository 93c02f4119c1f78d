package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §2, "多个任务提交" (second example): ten {@code get_html} tasks
 * that each sleep 2 seconds finish together in about 2 seconds. The tutorial's point: with
 * {@code await asyncio.sleep} the tasks overlap; {@code time.sleep} would serialize them.
 */
public final class WaitSameUrl {
    private WaitSameUrl() {
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
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.baidu.com")));
            }
            loop.runUntilComplete(() -> Asyncio.wait(tasks));
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
