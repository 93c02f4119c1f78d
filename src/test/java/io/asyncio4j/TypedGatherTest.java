package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/** The typed forms of {@link Asyncio#gather}: two to four futures and a combining function. */
@ExtendWith(LoopExtension.class)
class TypedGatherTest {
    record Page(String head, int size) {
    }

    @Test
    void twoFuturesIntoARecordInArgumentOrder(EventLoop loop) {
        Page p = loop.runUntilComplete(() -> {
            Task<String> head = createTask(() -> sleep(2, "HEAD"));
            Task<Integer> size = createTask(() -> sleep(1, 42));
            return gather(head, size, Page::new).await();
        });
        assertEquals(new Page("HEAD", 42), p);
        assertEquals(2.0, loop.time(), 1e-9, "the children ran concurrently");
    }

    @Test
    void threeAndFourFutures(EventLoop loop) {
        String r = loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> "a");
            Task<Integer> b = createTask(() -> 2);
            Task<Boolean> c = createTask(() -> true);
            Task<Double> d = createTask(() -> 0.5);
            String three = gather(a, b, c, (x, y, z) -> x + y + z).await();
            String four = gather(a, b, c, d, (w, x, y, z) -> w + x + y + z).await();
            return three + "|" + four;
        });
        assertEquals("a2true|a2true0.5", r);
    }

    /** test_tasks.py GatherTestsBase.test_one_exception: the first child's exception is the result's. */
    @Test
    void aChildsExceptionFailsTheWholeAndTheOtherKeepsRunning(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> fails = createTask(() -> {
                throw new IllegalArgumentException("bad");
            });
            Task<Integer> slow = createTask(() -> sleep(1, 7));
            Future<Page> g = gather(fails, slow, Page::new);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::await);
            assertEquals("bad", e.getMessage());
            assertFalse(slow.done());
            assertEquals(7, slow.await());
            return null;
        });
    }

    @Test
    void theCombinersExceptionBecomesTheResults(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> "a");
            Task<String> b = createTask(() -> "b");
            Future<String> g = gather(a, b, (x, y) -> {
                throw new java.io.IOException("combine failed");
            });
            java.io.IOException e = assertThrows(java.io.IOException.class, g::await);
            assertEquals("combine failed", e.getMessage());
            return null;
        });
    }

    /** test_tasks.py BaseTaskTests.test_cancel_gather_1: cancelling the gather cancels the children. */
    @Test
    void cancellingTheResultCancelsEveryChild(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(10, "a"));
            Task<String> b = createTask(() -> sleep(10, "b"));
            Future<String> g = gather(a, b, (x, y) -> x + y);
            sleep(0);
            assertTrue(g.cancel());
            assertThrows(CancelledError.class, g::await);
            Asyncio.wait(List.of(a, b));
            assertTrue(a.cancelled());
            assertTrue(b.cancelled());
            return null;
        });
    }

    @Test
    void aCancelledChildCancelsTheResult(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(10, "a"));
            Task<String> b = createTask(() -> "b");
            Future<String> g = gather(a, b, (x, y) -> x + y);
            sleep(0);
            a.cancel();
            assertThrows(CancelledError.class, g::await);
            return null;
        });
    }

    @Test
    void nullArgumentsAreNamed(EventLoop loop) {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> "a");
            NullPointerException e = assertThrows(NullPointerException.class, () -> gather(a, null, (x, y) -> x));
            assertEquals("gather: future #2 is null", e.getMessage());
            assertThrows(NullPointerException.class, () -> gather(a, a, (Combine2<String, String, String>) null));
            a.await();
            return null;
        });
    }
}
