package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Asyncio#asCompleted}: ports of CPython 3.13 {@code test_tasks.py} test_as_completed*.
 *
 * <p>asyncio4j's iterator behaves like asyncio 3.13's {@code async for} form: {@code next()}
 * suspends until a future is done and returns the original future. The plain {@code for} form of
 * asyncio (which hands out awaitables before anything is done, test_as_completed_reverse_wait and
 * test_as_completed_concurrent) has no counterpart: a Java iterator's next() is the await.
 */
@ExtendWith(LoopExtension.class)
class AsCompletedTest {
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
    }

    /** Ports test_tasks.py test_as_completed: futures come back in completion order. */
    @Test
    void asCompletedOrder() {
        List<Object> values = loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(0.1, "a"));
            Task<String> b = createTask(() -> sleep(0.1, "b"));
            Task<String> c = createTask(() -> sleep(0.05, "c"));
            List<Object> out = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(a, b, c))) {
                out.add(f.await());
                out.add(getRunningLoop().time());
            }
            return out;
        });
        assertEquals(List.of("c", 0.05, "a", 0.1, "b", 0.1), values);
    }

    /** Ports test_tasks.py test_as_completed_same_tasks_in_as_out: the futures handed out are the ones passed in. */
    @Test
    void asCompletedSameTasksInAsOut() {
        loop.runUntilComplete(() -> {
            Task<Integer> a = createTask(() -> sleep(0.2, 1));
            Task<Integer> b = createTask(() -> sleep(0.1, 2));
            List<Future<Integer>> out = new ArrayList<>();
            for (Future<Integer> f : asCompleted(List.of(a, b))) {
                out.add(f);
            }
            assertSame(b, out.get(0));
            assertSame(a, out.get(1));
            return null;
        });
    }

    /** Ports test_tasks.py test_as_completed_with_timeout: after the deadline, next() raises TimeoutError. */
    @Test
    void asCompletedWithTimeout() {
        Task<String> a = loop.createTask(() -> sleep(0.1, "a"));
        Task<String> b = loop.createTask(() -> sleep(0.15, "b"));
        List<Object> res = loop.runUntilComplete(() -> {
            List<Object> values = new ArrayList<>();
            Iterator<Future<String>> it = asCompleted(List.of(a, b), 0.12).iterator();
            while (it.hasNext()) {
                try {
                    values.add(it.next().await());
                } catch (TimeoutError e) {
                    values.add(e);
                }
            }
            return values;
        });
        assertEquals(2, res.size());
        assertEquals("a", res.get(0));
        assertInstanceOf(TimeoutError.class, res.get(1));
        assertEquals(0.12, loop.time(), 1e-9);
        assertFalse(b.cancelled(), "as_completed's timeout cancels nothing");
        assertEquals("b", loop.runUntilComplete(b));
    }

    /** Ports test_tasks.py test_as_completed_with_unused_timeout: a timeout never reached is harmless. */
    @Test
    void asCompletedWithUnusedTimeout() {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(0.01, "a"));
            for (Future<String> f : asCompleted(List.of(a), 1.0)) {
                assertEquals("a", f.await());
            }
            return null;
        });
        assertEquals(0.01, loop.time(), 1e-9);
        assertTrue(Asyncio.allTasks(loop).isEmpty());
    }

    /** Ports test_tasks.py test_as_completed_resume_iterator: iteration may stop and resume later. */
    @Test
    void asCompletedResumeIterator() {
        loop.runUntilComplete(() -> {
            Task<String> a = createTask(() -> sleep(0.1, "a"));
            Task<String> b = createTask(() -> sleep(0.2, "b"));
            Iterator<Future<String>> it = asCompleted(List.of(a, b)).iterator();
            assertEquals("a", it.next().await());
            sleep(1);
            assertTrue(it.hasNext());
            assertEquals("b", it.next().await());
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            return null;
        });
    }

    /** Ports test_tasks.py test_as_completed_duplicate_coroutines: a future passed twice comes once. */
    @Test
    void asCompletedDuplicates() {
        List<String> result = loop.runUntilComplete(() -> {
            Task<String> c = createTask(() -> "ham");
            Task<String> d = createTask(() -> "spam");
            List<String> out = new ArrayList<>();
            for (Future<String> f : asCompleted(List.of(c, c, d))) {
                out.add(f.await());
            }
            return out;
        });
        assertEquals(Set.of("ham", "spam"), Set.copyOf(result));
        assertEquals(2, result.size());
    }

    /** Futures that failed or were cancelled are handed out too; awaiting them raises. */
    @Test
    void asCompletedFailuresAndCancellations() {
        loop.runUntilComplete(() -> {
            Task<Object> bad = createTask(() -> {
                sleep(0.1);
                throw new IllegalStateException("bad");
            });
            Task<Object> gone = createTask(() -> sleep(0.2, null));
            Task<Object> good = createTask(() -> sleep(0.3, "good"));
            getRunningLoop().callLater(0.15, gone::cancel);
            List<String> out = new ArrayList<>();
            for (Future<Object> f : asCompleted(List.of(good, gone, bad))) {
                try {
                    out.add(String.valueOf(f.await()));
                } catch (CancelledError e) {
                    out.add("cancelled");
                } catch (IllegalStateException e) {
                    out.add(e.getMessage());
                }
            }
            assertEquals(List.of("bad", "cancelled", "good"), out);
            return null;
        });
    }

    /** Ports test_tasks.py test_as_completed_invalid_args: an empty collection yields nothing. */
    @Test
    void asCompletedEmpty() {
        loop.runUntilComplete(() -> {
            assertFalse(asCompleted(List.<Future<Object>>of()).iterator().hasNext());
            assertFalse(asCompleted(List.<Future<Object>>of(), 1.0).iterator().hasNext());
            return null;
        });
    }

    /** Cancelling the task blocked in next() raises CancelledError there and cancels no future. */
    @Test
    void cancelWhileIterating() {
        Task<String> a = loop.createTask(() -> sleep(1.0, "a"));
        Task<Void> it = loop.createTask(() -> {
            for (Future<String> f : asCompleted(List.of(a))) {
                f.await();
            }
            return null;
        });
        loop.runUntilComplete(() -> null);
        it.cancel();
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(it));
        assertFalse(a.cancelled());
        assertEquals("a", loop.runUntilComplete(a));
    }
}
