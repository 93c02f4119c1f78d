package io.asyncio4j.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The tasks suite on plain JDK virtual threads (default ForkJoinPool scheduler): what a Java
 * programmer gets without an event loop.
 * <ul>
 *   <li>{@code pingpong}: two virtual threads take turns through a volatile turn flag and
 *       {@link LockSupport} park/unpark; ns per hand-off.</li>
 *   <li>{@code gather}: start N virtual threads that each {@link Thread#yield()} once (asyncio's
 *       {@code sleep(0)}), join them all; ns per thread.</li>
 *   <li>{@code heap}: N virtual threads parked on a latch; heap bytes per parked thread.</li>
 * </ul>
 * Usage: {@code --case pingpong|gather|heap [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class VirtualThreadTasksBench {
    private VirtualThreadTasksBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        String c = o.getOrDefault("case", "pingpong");
        int n = Out.intOption(o, "n", 100_000);
        switch (c) {
            case "pingpong" -> {
                Out.warmUp(o, () -> pingPong(n));
                Out.emit(c, "switch", (double) pingPong(n) / n, "ns/switch");
            }
            case "gather" -> {
                Out.warmUp(o, () -> gather(n));
                Out.emit(c, "task", (double) gather(n) / n, "ns/task");
            }
            case "heap" -> Out.emit(c, "parked task", parkedHeap(n), "B/task");
            default -> throw new IllegalArgumentException("unknown case " + c);
        }
    }

    /** Turn-taking state shared by the two players. */
    private static final class Court {
        volatile int turn;
        final Thread[] players = new Thread[2];
    }

    static long pingPong(int switches) throws InterruptedException {
        Court court = new Court();
        int half = switches / 2;
        CountDownLatch ready = new CountDownLatch(2);
        for (int p = 0; p < 2; p++) {
            int me = p;
            court.players[p] = Thread.ofVirtual().unstarted(() -> {
                ready.countDown();
                for (int i = 0; i < half; i++) {
                    while (court.turn != me) LockSupport.park();
                    court.turn = 1 - me;
                    LockSupport.unpark(court.players[1 - me]);
                }
            });
        }
        court.turn = -1; // nobody moves until both threads exist
        for (Thread t : court.players) t.start();
        ready.await();
        long start = System.nanoTime();
        court.turn = 0;
        LockSupport.unpark(court.players[0]);
        for (Thread t : court.players) t.join();
        return System.nanoTime() - start;
    }

    static long gather(int n) throws InterruptedException {
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) threads.add(Thread.startVirtualThread(Thread::yield));
        for (Thread t : threads) t.join();
        return System.nanoTime() - start;
    }

    static double parkedHeap(int n) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch parked = new CountDownLatch(n);
        long before = Out.usedHeapAfterGc();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.startVirtualThread(() -> {
                parked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        parked.await();
        Thread.sleep(50); // let the last ones reach await() and unmount
        long after = Out.usedHeapAfterGc();
        release.countDown();
        for (Thread t : threads) t.join();
        return (double) (after - before) / n;
    }
}
