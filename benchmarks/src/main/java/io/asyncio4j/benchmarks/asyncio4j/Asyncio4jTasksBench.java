package io.asyncio4j.benchmarks.asyncio4j;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.getRunningLoop;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.benchmarks.peers.Out;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tasks suite on asyncio4j, case for case the same as {@code peers/python/tasks_bench.py}:
 * {@code pingpong} (ns per hand-off between two tasks through fresh futures), {@code gather}
 * (create N tasks that each {@code sleep(0)}, gather them; ns per task) and {@code heap} (heap
 * bytes per task parked on a never-completed future). The strand mode comes from the JVM flags
 * the harness passes ({@code -Dasyncio4j.strands=fast|portable}).
 * Usage: {@code --case pingpong|gather|heap [--n 100000] [--warmup 1] [--warmup-seconds 0]}.
 */
public final class Asyncio4jTasksBench {
    private Asyncio4jTasksBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Out.options(args);
        StrandMode.check();
        String c = o.getOrDefault("case", "pingpong");
        int n = Out.intOption(o, "n", 100_000);
        switch (c) {
            case "pingpong" -> {
                Out.warmUp(o, () -> Asyncio.run(() -> pingPong(n)));
                Out.emit(c, "switch", (double) Asyncio.run(() -> pingPong(n)) / n, "ns/switch");
            }
            case "gather" -> {
                Out.warmUp(o, () -> Asyncio.run(() -> gatherTasks(n)));
                Out.emit(c, "task", (double) Asyncio.run(() -> gatherTasks(n)) / n, "ns/task");
            }
            case "heap" -> Out.emit(c, "parked task", Asyncio.run(() -> parkedHeap(n)), "B/task");
            default -> throw new IllegalArgumentException("unknown case " + c);
        }
    }

    /** Two players take turns: wait for my future, replace it, complete the other's. */
    static long pingPong(int switches) {
        EventLoop loop = getRunningLoop();
        @SuppressWarnings("unchecked")
        Future<Void>[] turn = new Future[] {loop.createFuture(), loop.createFuture()};
        turn[0].setResult(null); // player 0 moves first
        int half = switches / 2;
        long start = System.nanoTime();
        List<Task<Void>> players = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int me = p;
            players.add(loop.createTask(() -> {
                for (int i = 0; i < half; i++) {
                    await(turn[me]);
                    turn[me] = loop.createFuture();
                    turn[1 - me].setResult(null);
                }
                return null;
            }));
        }
        await(gather(players));
        return System.nanoTime() - start;
    }

    static long gatherTasks(int n) {
        EventLoop loop = getRunningLoop();
        long start = System.nanoTime();
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tasks.add(loop.createTask(() -> {
                sleep(0);
                return null;
            }));
        }
        await(gather(tasks));
        return System.nanoTime() - start;
    }

    static double parkedHeap(int n) {
        EventLoop loop = getRunningLoop();
        long before = Out.usedHeapAfterGc();
        List<Task<Void>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Future<Void> never = loop.createFuture();
            tasks.add(loop.createTask(() -> await(never)));
        }
        sleep(0); // every task runs up to its await and parks
        sleep(0);
        long after = Out.usedHeapAfterGc();
        for (Task<Void> t : tasks) t.cancel();
        await(Asyncio.gatherSettled(tasks));
        return (double) (after - before) / n;
    }
}
