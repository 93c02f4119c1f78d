package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §4, "wait 和 gather" (second example): two groups gathered
 * separately ({@code tasks = asyncio.gather(*t1)}, {@code tasks2 = asyncio.gather(*t2)}) and then
 * together; a group is itself a future that can be awaited, gathered or cancelled as a whole.
 */
public final class GatherGroups {
    private GatherGroups() {
    }

    static Void getHtml2(String url) {
        System.out.println("start get url " + url);
        Asyncio.sleep(Pace.seconds(4));
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
            List<Future<Void>> t1 = new ArrayList<>();
            List<Future<Void>> t2 = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                t1.add(loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.baidu.com")));
                t2.add(loop.createTask(() -> getHtml2("www.google.com")));
            }
            Future<List<Void>> tasks = Asyncio.gather(t1);
            Future<List<Void>> tasks2 = Asyncio.gather(t2);
            loop.runUntilComplete(Asyncio.gather(tasks, tasks2));
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
