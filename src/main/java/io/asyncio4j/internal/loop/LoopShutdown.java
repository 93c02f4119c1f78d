package io.asyncio4j.internal.loop;

import io.asyncio4j.Task;
import io.asyncio4j.internal.ContextCell;
import io.asyncio4j.internal.OpenResources;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Closing a loop (asyncio's {@code loop.close()}): pending tasks are cancelled and their strands
 * run to the end, so finally blocks run and no strand is left parked; then every queue, timer,
 * registration, signal handler and the default executor are let go.
 */
final class LoopShutdown {
    private LoopShutdown() {
    }

    static void close(BaseLoop loop) {
        if (loop.isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (loop.state == LoopState.CLOSED) {
            return;
        }
        if (loop.tasks.size() > 0) {
            unwindPendingTasks(loop);
        }
        loop.state = LoopState.CLOSED;
        OpenResources.loopClosed();
        loop.ready.clear();
        loop.eager.clear();
        loop.inbox.clear();
        loop.timers.clear();
        loop.signals.removeAll();
        loop.io.close();
        loop.debugPart.close();
        loop.executors.shutdownOnClose();
    }

    /**
     * Cancels every pending task and runs their strands until they finish: each {@code await}
     * throws CancelledError at once, so finally blocks run and no strand is left parked.
     */
    private static void unwindPendingTasks(BaseLoop loop) {
        Thread current = Thread.currentThread();
        Thread previousOwner = loop.owner;
        LoopRuntime previousRunning = ContextCell.get().loop;
        loop.owner = current;
        loop.cell = ContextCell.get();
        ContextCell.get().loop = loop;
        loop.state = LoopState.CLOSING;
        try {
            for (int round = 0; round < 100 && loop.tasks.size() > 0; round++) {
                for (Task<?> t : loop.tasks.snapshot()) {
                    if (round == 0 && loop.getDebug()) {
                        Map<String, Object> ctx = new LinkedHashMap<>();
                        ctx.put("message", "Task was destroyed but it is pending!");
                        ctx.put("task", t);
                        loop.callExceptionHandler(ctx);
                    }
                    t.cancel("event loop is closing");
                }
                loop.drainInbox();
                loop.runReady();
                if (loop.ready.isEmpty() && loop.inbox.isEmpty() && loop.tasks.size() > 0) {
                    // A strand is blocked outside asyncio4j (a JDK call): give it a moment.
                    waitBriefly(loop);
                }
            }
            if (loop.tasks.size() > 0) {
                BaseLoop.LOG.log(System.Logger.Level.WARNING, "event loop closed with " + loop.tasks.size()
                        + " task(s) that would not finish: " + loop.tasks.snapshot());
            }
        } finally {
            loop.state = LoopState.IDLE;
            loop.owner = previousOwner;
            if (previousRunning == null) {
                ContextCell.get().loop = null;
            } else {
                ContextCell.get().loop = previousRunning;
            }
        }
    }

    private static void waitBriefly(BaseLoop loop) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        while (loop.inbox.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
