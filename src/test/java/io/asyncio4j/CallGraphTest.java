package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Call-graph introspection (Python 3.14's asyncio.graph): ports of CPython 3.14's
 * test_graph CallStackTestBase cases. Task bodies are named methods so that their frames can
 * be found; {@link #walk} renders a graph as CPython's capture_test_stack does: the task's name
 * (or F for a plain future), the test's own frames innermost first, then the awaiting graphs.
 */
@ExtendWith(LoopExtension.class)
class CallGraphTest {
    private static final Set<String> OURS = Set.of("c1", "c2", "deep", "a1", "a2", "b1", "main", "capture");
    private static FutureCallGraph captured;
    private EventLoop loop;

    @BeforeEach
    void setUp(EventLoop loop) {
        this.loop = loop;
        captured = null;
    }

    /** ["T<name>", [frames], [awaited by...]] as a string, awaited-by sorted by name. */
    private static String walk(FutureCallGraph g) {
        String head = g.future() instanceof Task<?> t ? "T<" + t.getName() + ">" : "F";
        List<String> frames = new ArrayList<>();
        for (FrameCallGraphEntry e : g.callStack()) {
            String m = e.frame().getMethodName();
            if (OURS.contains(m) && (frames.isEmpty() || !frames.get(frames.size() - 1).equals(m))) {
                frames.add(m);
            }
        }
        List<String> parents = new ArrayList<>(g.awaitedBy().stream().map(CallGraphTest::walk).toList());
        parents.sort(Comparator.naturalOrder());
        return "[" + head + ", " + frames + ", " + parents + "]";
    }

    private static Void capture() {
        captured = CallGraph.capture();
        return null;
    }

    private static Void deep() {
        sleep(0);
        return capture();
    }

    private static Void c1() {
        sleep(0);
        return deep();
    }

    /** Ports test_graph CallStackTestBase.test_stack_task: a task awaited by the task that created it. */
    @Test
    void stackTask() {
        loop.runUntilComplete(createTaskNamed(CallGraphTest::main, "main"));
        assertEquals("[T<there there>, [capture, deep, c1], [[T<main>, [c2, main], []]]]", walk(captured));
    }

    private static Void main() {
        return c2();
    }

    private static Void c2() {
        return createTask(CallGraphTest::c1, "there there").await();
    }

    /** Ports test_graph CallStackTestBase.test_stack_gather: gather's caller awaits the children. */
    @Test
    void stackGather() {
        loop.runUntilComplete(createTaskNamed(() -> {
            gather(createTask(CallGraphTest::c1, "c1"), createTask(() -> {
                sleep(0);
                return null;
            }, "other")).await();
            return null;
        }, "main"));
        assertTrue(walk(captured).startsWith("[T<c1>, [capture, deep, c1], [[T<main>, "), walk(captured));
    }

    /** Ports test_graph CallStackTestBase.test_stack_shield: shield's caller awaits the inner task. */
    @Test
    void stackShield() {
        loop.runUntilComplete(createTaskNamed(() -> {
            shield(createTask(CallGraphTest::c1, "c1")).await();
            return null;
        }, "main"));
        assertTrue(walk(captured).startsWith("[T<c1>, [capture, deep, c1], [[T<main>, "), walk(captured));
    }

    /**
     * Ports test_graph CallStackTestBase.test_stack_future: two tasks of a group await one
     * plain future; each is awaited by the group's parent.
     */
    @Test
    void stackFuture() {
        Future<Void> fut = loop.createFuture();
        String[] graph = new String[2];
        loop.runUntilComplete(createTaskNamed(() -> TaskGroup.run(g -> {
            g.createTask(() -> a1(fut), "task A");
            g.createTask(() -> b1(fut), "task B");
            for (int i = 0; i < 5; i++) {
                sleep(0);
            }
            graph[0] = walk(CallGraph.capture(fut));
            graph[1] = CallGraph.format(fut);
            fut.setResult(null);
            return null;
        }), "main"));
        assertEquals("[F, [], [[T<task A>, [a2, a1], [[T<main>, [], []]]], [T<task B>, [b1], [[T<main>, [], []]]]]]", graph[0]);
        assertTrue(graph[1].startsWith("* Future(id=0x"), graph[1]);
        assertTrue(graph[1].contains("\n  + Awaited by:\n    * Task(name='task A', id=0x"), graph[1]);
        assertTrue(graph[1].contains("\n      + Call stack:\n      |   at "), graph[1]);
        // Once done, nobody awaits it any more.
        assertEquals("[F, [], []]", walk(CallGraph.capture(fut)));
    }

    private static Void a2(Future<Void> fut) {
        return fut.await();
    }

    private static Void a1(Future<Void> fut) {
        return a2(fut);
    }

    private static Void b1(Future<Void> fut) {
        return fut.await();
    }

    /** Outside any task there is no current task: capture() returns null, as asyncio's does. */
    @Test
    void captureOutsideATaskIsNull() {
        assertNull(CallGraph.capture());
        Future<String> f = loop.createFuture();
        assertEquals("* Future(id=0x" + Integer.toHexString(System.identityHashCode(f)) + ")", CallGraph.format(f));
        StringBuilder out = new StringBuilder();
        CallGraph.print(f, out);
        assertEquals(CallGraph.format(f) + "\n", out.toString());
        assertSame(f, Asyncio.captureCallGraph(f).future());
    }

    private <T> Task<T> createTaskNamed(Coroutine<T> body, String name) {
        return loop.createTask(body, name);
    }
}
