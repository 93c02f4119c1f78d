package io.asyncio4j.internal.strand;

import io.asyncio4j.internal.BaseLoop;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Fast mode: the strand is a virtual thread whose scheduler is the event loop. When the strand
 * becomes runnable, the JDK hands its continuation to {@link Factory#execute}, which queues it on
 * the loop; the loop runs it on its own thread until the strand parks again. A task switch is a
 * continuation yield and mount, with no other thread involved.
 */
final class FastStrand extends Strand {
    private static final Constructor<?> BUILDER;
    private static final Throwable UNAVAILABLE;

    static {
        Constructor<?> ctor = null;
        Throwable failure = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
        } catch (Throwable e) {
            failure = e;
            ctor = null;
        }
        BUILDER = ctor;
        UNAVAILABLE = failure;
    }

    static boolean available() {
        return BUILDER != null;
    }

    static String unavailableReason() {
        return String.valueOf(UNAVAILABLE);
    }

    private final Thread thread;
    private final Factory factory;
    private volatile boolean woken;
    /** True while parked by the loop (suspend, yield); false while running or parked by a JDK call. */
    private volatile boolean parkedByLoop;

    private FastStrand(Factory factory, Runnable body) {
        this.factory = factory;
        this.thread = factory.builder.unstarted(() -> {
            bindToCurrentThread();
            body.run();
        });
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void startNow() {
        factory.runInline = true;
        try {
            thread.start();
        } finally {
            factory.runInline = false;
        }
    }

    @Override
    public void wake() {
        woken = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void suspend() {
        parkedByLoop = true;
        if (woken) {
            // Woken before it could suspend: the awaited future completed synchronously (a pending
            // cancel() cancelled it). asyncio resumes the task from a call_soon'd wakeup, so go
            // through the ready queue too instead of running on; portable strands do the same.
            woken = false;
            Thread.yield();
            parkedByLoop = false;
            return;
        }
        while (!woken) {
            LockSupport.park();
        }
        parkedByLoop = false;
        woken = false;
    }

    @Override
    public void yieldNow() {
        parkedByLoop = true;
        Thread.yield();
        parkedByLoop = false;
    }

    @Override
    public boolean blockedOutsideLoop() {
        return !parkedByLoop && thread.isAlive();
    }

    @Override
    public StackTraceElement[] stackTrace() {
        return thread.getStackTrace();
    }

    /** Makes fast strands for one loop, and is the scheduler of their virtual threads. */
    static final class Factory extends StrandFactory implements Executor {
        private final BaseLoop loop;
        private final Thread.Builder.OfVirtual builder;
        boolean runInline;

        Factory(BaseLoop loop) {
            this.loop = loop;
            try {
                this.builder = (Thread.Builder.OfVirtual) BUILDER.newInstance(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create a fast-mode strand builder", e);
            }
        }

        @Override
        public Strand create(BaseLoop loop, Runnable body, String name) {
            return new FastStrand(this, body);
        }

        @Override
        public String mode() {
            return "fast";
        }

        /** The JDK calls this whenever one of the loop's strands becomes runnable. */
        @Override
        public void execute(Runnable continuation) {
            if (runInline) {
                runInline = false;
                continuation.run();
                return;
            }
            loop.appendFromAnyThread(continuation);
        }
    }
}
