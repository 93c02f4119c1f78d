package io.asyncio4j.sync;

import io.asyncio4j.CancelledError;
import io.asyncio4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import static io.asyncio4j.Asyncio.*;
import static io.asyncio4j.sync.SyncTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Ports CPython 3.13 Lib/test/test_asyncio/test_locks.py, class EventTests. Every case is ported.
 */
class EventTest {

    /** Ports test_locks.py EventTests.test_repr (a pending future stands in for the mock waiter). */
    @Test
    void testRepr() {
        runVoid(() -> {
            Event ev = new Event();
            assertTrue(ev.toString().endsWith("[unset]>"), ev.toString());
            Matcher match = RGX_REPR.matcher(ev.toString());
            assertTrue(match.matches());
            assertEquals("unset", match.group("extras"));

            ev.set();
            assertTrue(ev.toString().endsWith("[set]>"));
            assertTrue(matchesRepr(ev));

            ev.waiters().add(getRunningLoop().createFuture());
            assertTrue(ev.toString().contains("waiters:1"));
            assertTrue(matchesRepr(ev));
        });
    }

    /** Ports test_locks.py EventTests.test_wait: set() wakes every waiter, in the order they were scheduled. */
    @Test
    void testWait() {
        runVoid(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());
            List<Integer> result = new ArrayList<>();

            Task<Void> t1 = createTask(() -> appendAfterWait(ev, result, 1));
            Task<Void> t2 = createTask(() -> appendAfterWait(ev, result, 2));

            sleep(0);
            assertEquals(List.of(), result);

            Task<Void> t3 = createTask(() -> appendAfterWait(ev, result, 3));

            ev.set();
            sleep(0);
            assertEquals(List.of(3, 1, 2), result);

            for (Task<Void> t : List.of(t1, t2, t3)) {
                assertTrue(t.done());
                assertNull(t.result());
            }
        });
    }

    private static Void appendAfterWait(Event ev, List<Integer> result, int n) {
        if (ev.await()) {
            result.add(n);
        }
        return null;
    }

    /** Ports test_locks.py EventTests.test_wait_on_set. */
    @Test
    void testWaitOnSet() {
        runVoid(() -> {
            Event ev = new Event();
            ev.set();
            assertTrue(ev.await());
        });
    }

    /** Ports test_locks.py EventTests.test_wait_cancel. */
    @Test
    void testWaitCancel() {
        runVoid(() -> {
            Event ev = new Event();
            Task<Boolean> wait = createTask(ev::await);
            getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancelledError.class, wait::await);
            assertTrue(ev.waiters().isEmpty());
        });
    }

    /** Ports test_locks.py EventTests.test_clear. */
    @Test
    void testClear() {
        runVoid(() -> {
            Event ev = new Event();
            assertFalse(ev.isSet());

            ev.set();
            assertTrue(ev.isSet());

            ev.clear();
            assertFalse(ev.isSet());
        });
    }

    /** Ports test_locks.py EventTests.test_clear_with_waiters: a waiter woken by set() stays woken after clear(). */
    @Test
    void testClearWithWaiters() {
        runVoid(() -> {
            Event ev = new Event();
            List<Integer> result = new ArrayList<>();
            Task<Boolean> t = createTask(() -> {
                if (ev.await()) {
                    result.add(1);
                }
                return true;
            });
            sleep(0);
            assertEquals(List.of(), result);

            ev.set();
            ev.clear();
            assertFalse(ev.isSet());

            ev.set();
            ev.set();
            assertEquals(1, ev.waiters().size());

            sleep(0);
            assertEquals(List.of(1), result);
            assertEquals(0, ev.waiters().size());

            assertTrue(t.done());
            assertTrue(t.result());
        });
    }
}
