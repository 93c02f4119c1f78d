package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import io.asyncio4j.test.LoopErrors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Done callbacks: scheduled through the loop in the order added, never inline, in the context
 * captured when added. Ports test_futures.py BaseFutureDoneCallbackTests.
 */
@ExtendWith(LoopExtension.class)
class FutureCallbackTest {

    private static void runBriefly(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    private static Consumer<Future<String>> appender(List<Integer> bag, int thing) {
        return f -> bag.add(thing);
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_result. */
    @Test
    void callbacksInvokedOnSetResult(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(appender(bag, 42));
        f.addDoneCallback(appender(bag, 17));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        assertEquals(List.of(), bag, "callbacks must not run inline");
        runBriefly(loop);
        assertEquals(List.of(42, 17), bag);
        assertEquals("foo", f.result());
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_callbacks_invoked_on_set_exception. */
    @Test
    void callbacksInvokedOnSetException(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(appender(bag, 100));
        assertEquals(List.of(), bag);
        IllegalArgumentException exc = new IllegalArgumentException();
        f.setException(exc);
        runBriefly(loop);
        assertEquals(List.of(100), bag);
        assertSame(exc, f.exception());
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_callbacks_remove_first_callback. */
    @Test
    void removeFirstCallback(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = appender(bag, 42);
        Consumer<Future<String>> cb2 = appender(bag, 17);
        Consumer<Future<String>> cb3 = appender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb1);
        f.removeDoneCallback(cb1);
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(17, 100), bag);
        assertEquals("foo", f.result());
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_callbacks_remove_first_and_second_callback. */
    @Test
    void removeFirstAndSecondCallback(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = appender(bag, 42);
        Consumer<Future<String>> cb2 = appender(bag, 17);
        Consumer<Future<String>> cb3 = appender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb1);
        f.removeDoneCallback(cb2);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(100), bag);
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_callbacks_remove_third_callback. */
    @Test
    void removeThirdCallback(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = appender(bag, 42);
        Consumer<Future<String>> cb2 = appender(bag, 17);
        Consumer<Future<String>> cb3 = appender(bag, 100);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb3);
        f.removeDoneCallback(cb3);
        f.removeDoneCallback(cb3);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(42, 17), bag);
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_remove_done_callback: counts every instance removed. */
    @Test
    void removeDoneCallbackCountsInstances(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb1 = appender(bag, 1);
        Consumer<Future<String>> cb2 = appender(bag, 2);
        Consumer<Future<String>> cb3 = appender(bag, 3);
        f.addDoneCallback(cb1);
        f.addDoneCallback(cb2);
        assertEquals(1, f.removeDoneCallback(cb2));
        assertEquals(0, f.removeDoneCallback(cb3));
        f.addDoneCallback(cb2);
        for (int i = 0; i < 5; i++) {
            f.addDoneCallback(cb1);
        }
        assertEquals(6, f.removeDoneCallback(cb1));
        assertEquals(List.of(), bag);
        f.setResult("foo");
        runBriefly(loop);
        assertEquals(List.of(2), bag);
        assertEquals("foo", f.result());
        assertEquals(0, f.removeDoneCallback(cb2), "nothing to remove once scheduled");
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests.test_schedule_callbacks_list_mutation_1. */
    @Test
    void callbackRemovingAnotherAfterSchedulingChangesNothing(EventLoop loop) {
        List<Integer> bag = new ArrayList<>();
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> cb2 = appender(bag, 2);
        f.addDoneCallback(fut -> {
            bag.add(1);
            assertEquals(0, fut.removeDoneCallback(cb2));
        });
        f.addDoneCallback(cb2);
        f.addDoneCallback(cb2);
        f.setResult("x");
        runBriefly(loop);
        assertEquals(List.of(1, 2, 2), bag);
    }

    /** Ports test_futures.py: add_done_callback on a done future schedules it with call_soon. */
    @Test
    void callbackAddedToADoneFutureIsScheduled(EventLoop loop) {
        List<String> log = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.setResult("r");
        loop.callSoon(() -> log.add("earlier"));
        f.addDoneCallback(fut -> log.add("cb " + fut.result()));
        assertEquals(List.of(), log, "never inline");
        runBriefly(loop);
        assertEquals(List.of("earlier", "cb r"), log);
    }

    /** Ports test_futures.py / test_context.py: a callback runs in the context captured when it was added. */
    @Test
    void callbackRunsInTheCapturedContext(EventLoop loop) {
        ContextVar<String> var = new ContextVar<>("var", "default");
        List<String> seen = new ArrayList<>();
        Future<String> f = loop.createFuture();
        loop.runUntilComplete(() -> {
            var.set("in task");
            f.addDoneCallback(fut -> seen.add(var.get()));
            Context explicit = new Context();
            f.addDoneCallback(fut -> seen.add(var.get()), explicit);
            var.set("changed later");
            return null;
        });
        f.setResult("x");
        runBriefly(loop);
        assertEquals(List.of("in task", "default"), seen);
    }

    /** Ports test_futures.py BaseFutureDoneCallbackTests: callbacks of a cancelled future run too. */
    @Test
    void callbacksRunOnCancel(EventLoop loop) {
        List<Boolean> seen = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(fut -> seen.add(fut.cancelled()));
        f.cancel();
        runBriefly(loop);
        assertEquals(List.of(true), seen);
    }

    /** A failing done callback goes to the exception handler; the others still run. */
    @Test
    void failingCallbackIsReported(EventLoop loop, LoopErrors errors) {
        List<String> log = new ArrayList<>();
        Future<String> f = loop.createFuture();
        f.addDoneCallback(fut -> {
            throw new IllegalStateException("cb failed");
        });
        f.addDoneCallback(fut -> log.add("second"));
        f.setResult("x");
        runBriefly(loop);
        assertEquals(List.of("second"), log);
        var got = errors.take();
        assertEquals(1, got.size());
        assertEquals("cb failed", ((Throwable) got.get(0).get("exception")).getMessage());
    }

    /** Null callbacks are refused clearly. */
    @Test
    void nullCallbackRefused(EventLoop loop) {
        Future<String> f = loop.createFuture();
        assertEquals("callback", assertThrows(NullPointerException.class, () -> f.addDoneCallback(null)).getMessage());
    }
}
