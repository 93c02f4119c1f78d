package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §2, "多个任务提交" (first example): nine tasks sleeping 1..9
 * seconds, submitted together and awaited with {@code asyncio.wait}: the whole run takes as long
 * as the longest task, not the sum.
 */
public final class WaitManyTasks {
    private WaitManyTasks() {
    }

    static Void getHtml(int times) {
        System.out.println("start get url " + times);
        Asyncio.sleep(Pace.seconds(times));
        System.out.println("end get url " + times);
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
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 1; i < 10; i++) {
                int times = i;
                tasks.add(loop.createTask(() -> getHtml(times)));
            }
            loop.runUntilComplete(() -> Asyncio.wait(tasks));
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
