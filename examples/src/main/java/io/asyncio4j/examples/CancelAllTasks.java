package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §5, "取消协程" (second example): on Ctrl-C, cancel every task of
 * the loop ({@code asyncio.all_tasks()}, printing what each {@code cancel()} returned) and stop.
 * Unless run with {@code --wait}, the example sends itself SIGINT once the first task is done.
 */
public final class CancelAllTasks {
    private CancelAllTasks() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --wait} to wait for a real Ctrl-C instead of sending one
     */
    public static void main(String[] args) {
        boolean waitForUser = List.of(args).contains("--wait");
        double start = Pace.now();
        EventLoop loop = Asyncio.getEventLoop();
        try {
            List<Task<Void>> t1 = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                t1.add(loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.baidu.com")));
                t1.add(loop.createTask(() -> GatherGroups.getHtml2("www.google.com")));
            }
            loop.addSignalHandler("INT", () -> {
                System.out.println("SIGINT: cancelling every task");
                for (Task<?> task : Asyncio.allTasks(loop)) {
                    System.out.println(task.cancel());
                }
            });
            if (!waitForUser) {
                // Nobody at the keyboard: press "Ctrl-C" once the first 2-second task is done.
                t1.get(0).addDoneCallback(f -> SelfSignal.send("INT"));
            }
            try {
                loop.runUntilComplete(() -> Asyncio.wait(t1));
            } catch (CancelledError e) {
                long cancelled = t1.stream().filter(Task::cancelled).count();
                System.out.println("stopped: " + cancelled + " of " + t1.size() + " tasks cancelled");
            }
            loop.removeSignalHandler("INT");
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
