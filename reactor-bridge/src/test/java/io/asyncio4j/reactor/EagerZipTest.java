package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuple3;
import reactor.util.function.Tuple8;

import java.util.Arrays;
import java.util.List;

import static io.asyncio4j.reactor.AsyncioReactor.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, defect 3 and the typed combinators: {@code zip}, {@code zipSettled} and {@code merge}
 * over tasks watch the tasks from subscription on, so a failure is signalled without any request
 * (Reactive Streams rule 1.9) and cancels the others at once; {@code zip} of two to eight tasks is
 * typed like {@code Mono.zip}.
 */
class EagerZipTest {
    private LoopThread lt;

    @BeforeEach
    void start() {
        lt = LoopThread.start();
    }

    @AfterEach
    void stop() {
        lt.close();
    }

    private Task<String> failing(String message) {
        return lt.task(() -> {
            throw new IllegalStateException(message);
        });
    }

    @Test
    void zipSignalsAFailedTasksErrorWithoutARequestAndCancelsTheOthersAtOnce() {
        Future<String> pending = lt.future();
        Task<String> bad = failing("bad");
        StepVerifier.create(AsyncioReactor.zip(new Future<?>[] {pending, bad}), 0)
                .expectErrorMessage("bad")
                .verify(LoopThread.timeout());
        assertTrue(lt.call(pending::cancelled));
    }

    /** Every task is watched, however many: the last of 300 failing is seen at once. */
    @Test
    void zipAndMergeWatchHundredsOfTasksAtOnce() {
        Future<?>[] tasks = new Future<?>[300];
        for (int i = 0; i < tasks.length - 1; i++) {
            tasks[i] = lt.future();
        }
        tasks[tasks.length - 1] = failing("last");
        StepVerifier.create(AsyncioReactor.zip(tasks), 0)
                .expectErrorMessage("last")
                .verify(LoopThread.timeout());
        assertTrue(lt.call(() -> Arrays.stream(tasks).limit(tasks.length - 1).allMatch(Future::cancelled)));

        @SuppressWarnings({"unchecked", "rawtypes"})
        Future<String>[] more = new Future[300];
        for (int i = 0; i < more.length - 1; i++) {
            more[i] = lt.future();
        }
        more[more.length - 1] = failing("last merged");
        StepVerifier.create(AsyncioReactor.merge(more), 0)
                .expectErrorMessage("last merged")
                .verify(LoopThread.timeout());
    }

    @Test
    void typedZipSignalsAFailedTasksErrorWithoutARequest() {
        Future<Integer> pending = lt.future();
        StepVerifier.create(AsyncioReactor.zip(pending, failing("typed")), 0)
                .expectErrorMessage("typed")
                .verify(LoopThread.timeout());
        assertTrue(lt.call(pending::cancelled));
    }

    @Test
    void mergeSignalsAFailedTasksErrorWithoutARequest() {
        Future<String> pending = lt.future();
        StepVerifier.create(AsyncioReactor.merge(pending, failing("merged")), 0)
                .expectErrorMessage("merged")
                .verify(LoopThread.timeout());
        assertTrue(lt.call(pending::cancelled));
    }

    @Test
    void zipSettledCollectsAFailureWithoutCancellingTheOthers() {
        Future<String> later = lt.future();
        Task<String> bad = failing("settled");
        StepVerifier.create(AsyncioReactor.zipSettled(later, bad), 1)
                .then(() -> lt.call(() -> {
                    later.setResult("late");
                    return null;
                }))
                .assertNext(list -> {
                    assertEquals("late", list.get(0));
                    assertInstanceOf(IllegalStateException.class, list.get(1));
                })
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    /** The value itself still waits for demand: only terminal signals go out without it. */
    @Test
    void zipHoldsItsValueUntilRequested() {
        Task<String> a = lt.task(() -> "a");
        Task<Integer> b = lt.task(() -> 2);
        lt.settle();
        StepVerifier.create(AsyncioReactor.zip(a, b), 0)
                .expectSubscription()
                .thenRequest(1)
                .assertNext(t -> assertEquals("a", t.getT1()))
                .expectComplete()
                .verify(LoopThread.timeout());
    }

    @Test
    void typedZipGivesATupleInArgumentOrder() {
        Tuple3<String, Integer, Boolean> t = VirtualTimeLoop.run(() -> await(AsyncioReactor.zip(
                after(3, "a"), after(1, 2), after(2, true))));
        assertEquals("a", t.getT1());
        assertEquals(2, t.getT2());
        assertEquals(true, t.getT3());
    }

    @Test
    void typedZipOfEightTasks() {
        Tuple8<Integer, Integer, Integer, Integer, Integer, Integer, Integer, Integer> t = VirtualTimeLoop.run(() ->
                await(AsyncioReactor.zip(after(8, 1), after(7, 2), after(6, 3), after(5, 4),
                        after(4, 5), after(3, 6), after(2, 7), after(1, 8))));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), t.toList());
    }

    /** As in Mono.zip, where an empty source empties the zip: a tuple has no slot for null. */
    @Test
    void typedZipWithANullResultCompletesEmpty() {
        Tuple2<String, String> t = VirtualTimeLoop.run(() -> await(AsyncioReactor.zip(after(1, "a"), after(2, (String) null))));
        assertNull(t);
    }

    @Test
    void arrayZipKeepsTheListForm() {
        List<Object> got = VirtualTimeLoop.run(() -> await(AsyncioReactor.zip(new Future<?>[] {after(1, "a"), after(2, null)})));
        assertEquals(Arrays.asList("a", null), got);
    }

    private static <T> Task<T> after(double delay, T value) {
        return Asyncio.createTask(() -> {
            Asyncio.sleep(delay);
            return value;
        });
    }
}
