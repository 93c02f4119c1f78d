package io.asyncio4j;

import io.asyncio4j.test.LoopExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.asyncio4j.Asyncio.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * gather, asCompleted and wait interleaved with timers and callbacks: the event trace must be the
 * one real asyncio 3.13 prints for the same program (written out in each test), in both strand
 * modes.
 */
@ExtendWith(LoopExtension.class)
class ToolboxTraceTest {

    private static Coroutine<String> worker(List<String> log, String n, double d) {
        return () -> {
            sleep(d);
            log.add(n + " done");
            return n;
        };
    }

    /** gather's done callback, a child's done callback, a timer and the awaiting task, in asyncio's order. */
    @Test
    void gatherAsCompletedWaitTraceMatchesAsyncio(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            Task<String> a = createTask(worker(log, "a", 0.1));
            Task<String> b = createTask(worker(log, "b", 0.1));
            Future<List<Object>> g = gather(a, b);
            g.addDoneCallback(f -> log.add("g cb " + f.result()));
            a.addDoneCallback(f -> log.add("a cb"));
            l.callLater(0.1, () -> log.add("timer 0.1"));
            log.add("main " + g.await());

            List<Task<String>> ts = new ArrayList<>();
            for (Object[] nd : new Object[][] {{"x", 0.3}, {"y", 0.1}, {"z", 0.2}}) {
                ts.add(createTask(worker(log, (String) nd[0], (Double) nd[1])));
            }
            for (Future<String> f : asCompleted(ts)) {
                log.add("ac " + f.await());
                l.callSoon(() -> log.add("soon after ac"));
            }

            Task<String> p = createTask(worker(log, "p", 0.2));
            Task<String> q = createTask(worker(log, "q", 0.1));
            Done<String> d = Asyncio.wait(List.of(p, q), ReturnWhen.FIRST_COMPLETED);
            log.add("wait done=" + d.done().stream().map(Future::result).toList() + " pending=" + d.pending().size());
            sleep(0);
            log.add("after yield");
            Asyncio.wait(d.pending());
            log.add("end");
            return null;
        });
        // python3.13: ['timer 0.1', 'a done', 'b done', 'a cb', "g cb ['a', 'b']", "main ['a', 'b']", 'y done',
        //  'ac y', 'soon after ac', 'z done', 'ac z', 'soon after ac', 'x done', 'ac x', 'soon after ac',
        //  'q done', "wait done=['q'] pending=1", 'after yield', 'p done', 'end']
        assertEquals(List.of("timer 0.1", "a done", "b done", "a cb", "g cb [a, b]", "main [a, b]", "y done",
                "ac y", "soon after ac", "z done", "ac z", "soon after ac", "x done", "ac x", "soon after ac",
                "q done", "wait done=[q] pending=1", "after yield", "p done", "end"), log);
    }

    /** wait_for and timeout around a task that needs a loop turn to unwind: asyncio's order. */
    @Test
    void waitForTimeoutTraceMatchesAsyncio(EventLoop loop) {
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(() -> {
            EventLoop l = getRunningLoop();
            double t0 = l.time();
            Task<String> slow = createTask(() -> {
                try {
                    return sleep(5, "slow");
                } catch (CancelledError e) {
                    log.add("slow cancelled");
                    l.callSoon(() -> log.add("cb from slow"));
                    sleep(0);
                    log.add("slow unwound");
                    throw e;
                }
            });
            l.callLater(1, () -> log.add("timer 1"));
            try {
                waitFor(slow, 1.0);
            } catch (TimeoutError e) {
                log.add("timeout, slow cancelled=" + slow.cancelled());
            }
            String r = timeout(2.0, () -> {
                Task<String> quick = createTask(worker(log, "quick", 0.5));
                return quick.await();
            });
            log.add("timeout body gave " + r + " at " + (l.time() - t0));
            return null;
        });
        // python3.13: ['timer 1', 'slow cancelled', 'cb from slow', 'slow unwound', 'timeout, slow cancelled=True',
        //  'quick done', 'timeout body gave quick at 1.6']  (1.5 plus wall-clock drift; virtual time is exact)
        assertEquals(List.of("timer 1", "slow cancelled", "cb from slow", "slow unwound", "timeout, slow cancelled=true",
                "quick done", "timeout body gave quick at 1.5"), log);
        assertEquals(Set.of(), Asyncio.allTasks(loop));
    }
}
