package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * Tutorial, "asyncio的基础使用" §5, "取消协程" (first example): two gathered groups; Ctrl-C
 * cancels the second group ({@code tasks2.cancel()}), which ends the outer gather.
 *
 * <p>Python delivers Ctrl-C as {@code KeyboardInterrupt} out of {@code run_until_complete}; here
 * a real SIGINT handler ({@code loop.addSignalHandler}) runs on the loop and cancels the group.
 * Unless run with {@code --wait}, the example sends itself SIGINT once the first group is done.
 */
public final class CancelOnCtrlC {
    private CancelOnCtrlC() {
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
            List<Future<Void>> t1 = new ArrayList<>();
            List<Future<Void>> t2 = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                t1.add(loop.createTask(() -> GetHtmlNativeStyle.getHtml("www.baidu.com")));
                t2.add(loop.createTask(() -> GatherGroups.getHtml2("www.google.com")));
            }
            Future<List<Void>> tasks = Asyncio.gather(t1);
            Future<List<Void>> tasks2 = Asyncio.gather(t2);
            loop.addSignalHandler("INT", () -> {
                System.out.println("SIGINT: cancelling the second group");
                System.out.println(tasks2.cancel());
            });
            if (!waitForUser) {
                // Nobody at the keyboard: press "Ctrl-C" once the first group is done.
                tasks.addDoneCallback(f -> SelfSignal.send("INT"));
            } else {
                System.out.println("press Ctrl-C to cancel the second group");
            }
            try {
                loop.runUntilComplete(Asyncio.gather(tasks, tasks2));
            } catch (CancelledError e) {
                System.out.println("gather cancelled: first group done=" + tasks.done() + ", second group done=" + tasks2.done());
            }
            loop.removeSignalHandler("INT");
        } finally {
            loop.close();
        }
        System.out.printf("times %.2f%n", Pace.now() - start);
    }
}
