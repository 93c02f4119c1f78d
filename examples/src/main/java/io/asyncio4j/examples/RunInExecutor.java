package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tutorial, "线程池+asyncio": blocking calls (the tutorial's {@code time.sleep(3)}, standing for a
 * library without asyncio support) run in a thread pool with {@code loop.run_in_executor}, so the
 * loop stays free; 20 calls on 10 threads take two rounds.
 */
public final class RunInExecutor {
    private RunInExecutor() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        double start = Pace.now();
        EventLoop loop = Asyncio.getEventLoop();
        ExecutorService ex = Executors.newFixedThreadPool(10);
        try {
            List<Future<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                tasks.add(loop.runInExecutor(ex, () -> {
                    StopVsClose.callBack(3);
                    return null;
                }));
            }
            loop.runUntilComplete(() -> Asyncio.wait(tasks));
        } finally {
            ex.shutdown();
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
