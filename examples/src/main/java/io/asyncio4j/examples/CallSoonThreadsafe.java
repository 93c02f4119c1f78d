package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "call_soon call_later" §4, "call_soon_threadsafe": other threads hand work to the
 * loop with {@code loop.call_soon_threadsafe}, which wakes the loop if it is waiting; the work
 * then runs on the loop's thread, so it may touch the loop's state without locks.
 */
public final class CallSoonThreadsafe {
    private CallSoonThreadsafe() {
    }

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws InterruptedException if interrupted while joining the worker threads
     */
    public static void main(String[] args) throws InterruptedException {
        EventLoop loop = Asyncio.getEventLoop();
        int[] received = {0};
        int workers = 4;
        int perWorker = 3;
        List<Thread> threads = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                String name = "worker-" + w;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        Pace.block(0.2);
                        int n = i;
                        loop.callSoonThreadsafe(() -> {
                            received[0]++;   // runs on the loop: no lock needed
                            System.out.println("loop got " + name + " #" + n + " (" + received[0] + " so far)");
                            if (received[0] == workers * perWorker) {
                                loop.stop();
                            }
                        });
                    }
                }, name);
                threads.add(t);
                t.start();
            }
            loop.runForever();
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("received " + received[0] + " callbacks from " + workers + " threads");
        } finally {
            loop.close();
        }
    }
}
