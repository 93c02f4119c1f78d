package io.asyncio4j;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link EventLoop#inEventLoop()}: whether the caller may use the loop's non-thread-safe methods.
 * No CPython counterpart (asyncio compares get_running_loop() or loop._thread_id, as
 * BaseEventLoop._check_thread does); the threads here wait on futures, timeouts are safety nets.
 */
class InEventLoopTest {
    private static final long SAFETY_SECONDS = 10;

    private static boolean onOtherThread(EventLoop loop) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> answer.complete(loop.inEventLoop()), "other");
        t.start();
        return answer.orTimeout(SAFETY_SECONDS, TimeUnit.SECONDS).join();
    }

    @Test
    void theCreatingThreadOwnsALoopThatIsNotRunning() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            assertTrue(loop.inEventLoop());
            assertFalse(onOtherThread(loop));
        }
    }

    @Test
    void trueInTasksAndCallbacksOfTheRunningLoop() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            boolean[] inCallback = new boolean[1];
            boolean inTask = loop.runUntilComplete(() -> {
                loop.callSoon(() -> inCallback[0] = loop.inEventLoop());
                Asyncio.sleep(0);
                return loop.inEventLoop();
            });
            assertTrue(inTask, "in a task's strand");
            assertTrue(inCallback[0], "in a callback");
        }
    }

    @Test
    void falseOnOtherThreadsWhileTheLoopRuns() {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            boolean[] answers = loop.runUntilComplete(() -> {
                Future<Boolean> plain = loop.createFuture();
                new Thread(() -> {
                    boolean answer = loop.inEventLoop();
                    loop.callSoonThreadsafe(() -> plain.setResult(answer));
                }, "other").start();
                return new boolean[] {plain.await(), loop.runInExecutor(null, loop::inEventLoop).await()};
            });
            assertFalse(answers[0], "a plain thread");
            assertFalse(answers[1], "an executor thread");
        }
    }

    @Test
    void theThreadThatLastRanTheLoopOwnsItAfterwards() throws Exception {
        try (EventLoop loop = Asyncio.newEventLoop()) {
            CompletableFuture<Boolean> runnerAfterwards = new CompletableFuture<>();
            Thread runner = new Thread(() -> {
                loop.runUntilComplete(() -> null);
                runnerAfterwards.complete(loop.inEventLoop());
            }, "runner");
            runner.start();
            assertTrue(runnerAfterwards.orTimeout(SAFETY_SECONDS, TimeUnit.SECONDS).join());
            runner.join();
            assertFalse(loop.inEventLoop(), "the creating thread gave the loop up by letting another run it");
        }
    }
}
