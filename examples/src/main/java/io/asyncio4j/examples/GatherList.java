package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §4, "wait 和 gather" (first example): {@code asyncio.gather(*tasks,
 * *tasks2)} over two lists of ten tasks each; gather returns the results in argument order.
 */
public final class GatherList {
    private GatherList() {
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
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Task<Void> t = loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.baidu.com"));
                all.add(t);
            }
            for (int i = 0; i < 10; i++) {
                Task<Void> t = loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.google.com"));
                all.add(t);
            }
            List<Void> results = loop.runUntilComplete(Asyncio.gather(all));
            System.out.println("gathered " + results.size() + " results");
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
