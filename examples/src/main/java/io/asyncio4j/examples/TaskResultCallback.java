package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;

/**
 * Tutorial, "asyncio的基础使用" §3, "获取async返回值": a task's result through
 * {@code ensure_future}/{@code loop.create_task}, a done callback added with
 * {@code add_done_callback}, and {@code future.result()} after the run.
 */
public final class TaskResultCallback {
    private TaskResultCallback() {
    }

    static String getHtml(String url) {
        System.out.println("start get url " + url);
        Asyncio.sleep(Pace.seconds(2));
        System.out.println("end get url");
        return "get_futures";
    }

    static void callBack(Future<String> future) {
        System.out.println("tasks compete");
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
            // Asyncio.ensureFuture(() -> getHtml(...)) does the same.
            Task<String> getFuture = loop.createTask(() -> getHtml("www.baidu.com"));
            getFuture.addDoneCallback(TaskResultCallback::callBack);
            loop.runUntilComplete(getFuture);
            System.out.printf("times %.2f%n", Pace.now() - start);
            System.out.println(getFuture.result());
        } finally {
            loop.close();
        }
    }
}
