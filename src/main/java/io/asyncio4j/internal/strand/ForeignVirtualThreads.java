package io.asyncio4j.internal.strand;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carrier threads for virtual threads that user code starts from inside a fast-mode task. Such
 * threads inherit the task's scheduler (the event loop); running them on the loop would let a
 * blocking call in them freeze every task, so they run here instead, like any other virtual
 * thread on the JDK's own scheduler.
 */
final class ForeignVirtualThreads {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private ForeignVirtualThreads() {
    }

    private static final class Holder {
        static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("asyncio4j-vthread-carrier-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, true);
    }

    static void execute(Runnable continuation) {
        Holder.POOL.execute(continuation);
    }
}
