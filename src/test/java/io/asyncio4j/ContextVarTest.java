package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * ContextVar and Context: ports test_context.py ContextTest (run/getset/copy/threads) and the
 * asyncio cases of test_tasks.py (test_context_1..3, contexts copied per task, callbacks run in the
 * context of scheduling). Cases that need isolation run in a fresh {@link Context}, as
 * test_context.py's {@code @isolated_context} does.
 */
@ExtendWith(LoopExtension.class)
class ContextVarTest {

    private static void isolated(Runnable body) {
        new Context().run(body);
    }

    /** Ports test_context.py ContextTest.test_context_var_new_1 and test_context_var_repr_1. */
    @Test
    void newVarNameAndRepr() {
        ContextVar<Integer> c = new ContextVar<>("aaa");
        assertEquals("aaa", c.name());
        assertEquals("<ContextVar name='aaa'>", c.toString());
        assertEquals("<ContextVar name='a' default=123>", new ContextVar<>("a", 123).toString());
        assertThrows(NullPointerException.class, () -> new ContextVar<>(null));
    }

    /** Ports test_context.py ContextTest.test_context_getset_1. */
    @Test
    void getSetReset() {
        isolated(() -> {
            ContextVar<Object> c = new ContextVar<>("c");
            NoSuchElementException missing = assertThrows(NoSuchElementException.class, c::get);
            assertTrue(missing.getMessage().contains("'c'"), missing.getMessage());
            assertNull(c.get(null));

            ContextVar.Token<Object> t0 = c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, c.get(null));
            assertFalse(t0.hadOldValue());
            assertThrows(NoSuchElementException.class, t0::oldValue);
            assertSame(c, t0.var());

            ContextVar.Token<Object> t = c.set("spam");
            assertEquals("spam", c.get());
            assertEquals(42, t.oldValue());
            c.reset(t);
            assertEquals(42, c.get());

            c.set("spam2");
            IllegalStateException used = assertThrows(IllegalStateException.class, () -> c.reset(t));
            assertTrue(used.getMessage().contains("has already been used"), used.getMessage());
            assertEquals("spam2", c.get());

            Context ctx1 = Context.copyCurrent();
            assertTrue(ctx1.containsKey(c));

            c.reset(t0);
            assertThrows(IllegalStateException.class, () -> c.reset(t0));
            assertNull(c.get(null));

            assertTrue(ctx1.containsKey(c));
            assertEquals("spam2", ctx1.get(c));
            assertEquals(Map.of(c, "spam2"), ctx1.values());

            Context ctx2 = Context.copyCurrent();
            assertFalse(ctx2.containsKey(c));
            assertNull(ctx2.get(c));
            assertEquals(Map.of(), ctx2.values());
        });
    }

    /** Ports test_context.py ContextTest.test_context_getset_2: a token of another variable. */
    @Test
    void resetWithTokenOfAnotherVar() {
        isolated(() -> {
            ContextVar<Integer> v1 = new ContextVar<>("v1");
            ContextVar<Integer> v2 = new ContextVar<>("v2");
            ContextVar.Token<Integer> t1 = v1.set(42);
            @SuppressWarnings({"unchecked", "rawtypes"})
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v2.reset((ContextVar.Token) t1));
            assertTrue(e.getMessage().contains("by a different ContextVar"), e.getMessage());
        });
    }

    /** Ports test_context.py ContextTest.test_context_getset_3: defaults are not stored in the context. */
    @Test
    void defaultIsNotStored() {
        ContextVar<Integer> c = new ContextVar<>("c", 42);
        Context ctx = new Context();
        ctx.run(() -> {
            assertEquals(42, c.get());
            assertFalse(ctx.containsKey(c));
            assertEquals(7, c.get(7), "an explicit fallback wins over the variable's default");
            ContextVar.Token<Integer> t = c.set(1);
            assertEquals(Map.of(c, 1), ctx.values());
            c.reset(t);
            assertEquals(Map.of(), ctx.values());
            assertEquals(42, c.get());
        });
    }

    /** Ports test_context.py ContextTest.test_context_getset_4: a token made in another context. */
    @Test
    void resetInAnotherContextFails() {
        isolated(() -> {
            ContextVar<Integer> c = new ContextVar<>("c", 42);
            Context ctx = new Context();
            @SuppressWarnings("unchecked")
            ContextVar.Token<Integer>[] tok = new ContextVar.Token[1];
            ctx.run(() -> {
                tok[0] = c.set(1);
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.reset(tok[0]));
            assertTrue(e.getMessage().contains("different Context"), e.getMessage());
        });
    }

    /** Ports test_context.py ContextTest.test_context_getset_5: a copy's sets stay in the copy. */
    @Test
    void setsInACopyStayThere() {
        isolated(() -> {
            ContextVar<List<Integer>> c = new ContextVar<>("c", null);
            c.set(new ArrayList<>());
            Context.copyCurrent().run(() -> {
                c.set(new ArrayList<>());
                c.get().add(42);
                assertEquals(List.of(42), c.get());
            });
            assertEquals(List.of(), c.get());
        });
    }

    /** Ports test_context.py ContextTest.test_context_run_4: nested runs of different contexts. */
    @Test
    void nestedRunsOfDifferentContexts() throws Exception {
        Context ctx1 = new Context();
        Context ctx2 = new Context();
        ContextVar<String> var = new ContextVar<>("var");
        Context returned = ctx1.run(() -> {
            assertNull(var.get(null));
            var.set("spam");
            ctx2.run(() -> assertNull(var.get(null)));
            assertEquals("spam", var.get(null));
            Context cur = Context.copyCurrent();
            assertEquals(1, cur.values().size());
            return cur;
        });
        assertEquals(ctx1.values(), returned.values());
        assertEquals("spam", returned.get(var));
    }

    /** Ports test_context.py ContextTest.test_context_run_3 and test_context_run_5: an exception leaves the context. */
    @Test
    void exceptionInRunRestoresTheContext() {
        isolated(() -> {
            Context ctx = new Context();
            ContextVar<String> var = new ContextVar<>("var");
            assertThrows(ArithmeticException.class, () -> ctx.run(() -> {
                assertNull(var.get(null));
                var.set("spam");
                int zero = 0;
                System.out.println(1 / zero);
            }));
            assertNull(var.get(null));
            assertEquals("spam", ctx.get(var));
        });
    }

    /** Ports test_context.py ContextTest.test_context_run_6: sets inside run() land in that context. */
    @Test
    void setInsideRunLandsInTheContext() {
        Context ctx = new Context();
        ContextVar<Integer> c = new ContextVar<>("a", 0);
        ctx.run(() -> {
            assertEquals(0, c.get());
            assertNull(ctx.get(c));
            c.set(42);
            assertEquals(42, c.get());
            assertEquals(42, ctx.get(c));
        });
    }

    /** Ports test_context.py ContextTest.test_context_run_7: entering an entered context fails. */
    @Test
    void reenteringAContextFails() {
        Context ctx = new Context();
        ctx.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> { }));
            assertTrue(e.getMessage().contains("is already entered"), e.getMessage());
        });
        ctx.run(() -> { }); // usable again after the first run ended
    }

    /** Ports test_context.py ContextTest.test_context_copy_1. */
    @Test
    void copyIsIndependent() {
        Context ctx1 = new Context();
        ContextVar<Integer> c = new ContextVar<>("c", 42);
        ctx1.run(() -> {
            c.set(10);
            Context ctx2 = ctx1.copy();
            assertEquals(10, ctx2.get(c));
            c.set(20);
            assertEquals(20, ctx1.get(c));
            assertEquals(10, ctx2.get(c));
            ctx2.run(() -> {
                assertEquals(10, c.get());
                c.set(30);
                assertEquals(30, c.get());
            });
            assertEquals(20, ctx1.get(c));
            assertEquals(30, ctx2.get(c));
        });
    }

    /** Ports test_context.py ContextTest.test_context_threads_1: a new thread starts with an empty context. */
    @Test
    void newThreadStartsEmpty() throws Exception {
        ContextVar<Integer> cvar = new ContextVar<>("cvar");
        CompletableFuture<Integer> inThread = new CompletableFuture<>();
        new Context().run(() -> {
            cvar.set(1);
            Thread t = new Thread(() -> inThread.complete(cvar.get(-1)));
            t.start();
        });
        assertEquals(-1, inThread.get(30, TimeUnit.SECONDS));
    }

    /** Ports test_tasks.py BaseTaskTests.test_context_1: each task runs in a copy; its sets are invisible elsewhere. */
    @Test
    void eachTaskGetsACopy(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            cvar.set("parent");
            Task<Void> a = Asyncio.createTask(() -> {
                log.add("a sees " + cvar.get());
                cvar.set("a");
                Asyncio.sleep(1);
                log.add("a keeps " + cvar.get());
                return null;
            });
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.sleep(0.5);
                log.add("b sees " + cvar.get());
                cvar.set("b");
                return null;
            });
            Asyncio.gather(a, b).await();
            log.add("parent keeps " + cvar.get());
            return null;
        });
        assertEquals(List.of("a sees parent", "b sees parent", "a keeps a", "parent keeps parent"), log);
    }

    /** Ports test_tasks.py BaseTaskTests.test_context_3: a task created with an explicit context uses it, not a copy. */
    @Test
    void taskWithExplicitContext(EventLoop loop) {
        ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
        Context ctx = new Context();
        Task<Integer> t = loop.createTask(() -> {
            cvar.set(cvar.get() + 1);
            return cvar.get();
        }, TaskOptions.DEFAULT.withContext(ctx));
        assertEquals(0, loop.runUntilComplete(t));
        assertEquals(0, ctx.get(cvar));
        assertSame(ctx, t.getContext());
    }

    /** Ports test_context.py/asyncio: a callback runs in the context of whoever scheduled it. */
    @Test
    void callbacksSeeTheContextOfScheduling(EventLoop loop) {
        ContextVar<String> cvar = new ContextVar<>("cvar", "none");
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            cvar.set("task");
            Handle h = loop.callSoon(() -> {
                log.add("soon " + cvar.get());
                cvar.set("changed in callback");
            });
            assertEquals("task", h.getContext().get(cvar));
            loop.callLater(1, () -> log.add("later " + cvar.get()));
            Context explicit = new Context();
            loop.callSoon(() -> log.add("explicit " + cvar.get()), explicit);
            cvar.set("after scheduling");
            Asyncio.sleep(2);
            log.add("task " + cvar.get());
            return null;
        });
        assertEquals(List.of("soon task", "explicit none", "later task", "task after scheduling"), log);
    }

    /** Ports test_threads.py test_to_thread_contextvars (see ExecutorTest) for call_soon_threadsafe. */
    @Test
    void threadsafeCallbackGetsTheSendersContext(EventLoop loop) throws Exception {
        ContextVar<String> cvar = new ContextVar<>("cvar", "none");
        List<String> log = new ArrayList<>();
        Thread t = new Thread(() -> {
            cvar.set("sender");
            loop.callSoonThreadsafe(() -> {
                log.add(cvar.get());
                loop.stop();
            });
        });
        t.start();
        t.join();
        loop.runForever();
        assertEquals(List.of("sender"), log);
    }
}
