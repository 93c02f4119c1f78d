package io.asyncio4j.internal.strand;

import io.asyncio4j.internal.BaseLoop;

import java.lang.reflect.Constructor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The JDK's runnable that mounts this strand's virtual thread; learned at start. */
    private Runnable continuation;

    private FastStrand(Factory factory, Runnable body) {
        this.factory = factory;
        this.thread = factory.builder.unstarted(() -> {
            try {
                bindToCurrentThread();
                body.run();
            } finally {
                factory.forget(this);
            }
        });
    }

    @Override
    public void start() {
        factory.starting(this);
        thread.start();
    }

    @Override
    public void startNow() {
        factory.runInline = true;
        factory.starting(this);
        try {
            thread.start();
        } finally {
            factory.runInline = false;
        }
    }

    @Override
    public void wake() {
        woken = true;
        factory.expected = continuation;
        LockSupport.unpark(thread);
        factory.expected = null;
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

        /**
         * The continuations of this loop's strands. A virtual thread inherits its creator's
         * scheduler, so a virtual thread that user code starts inside a task (directly or through
         * a virtual-thread executor) would otherwise be scheduled on the event loop, and one
         * blocking call in it would freeze the loop. Those go to {@link ForeignVirtualThreads}.
         */
        private final Set<Runnable> own = ConcurrentHashMap.newKeySet();
        private FastStrand starting;
        private Thread startingOn;
        /**
         * The continuation that the loop's own thread is about to hand in (a wake or a yield of
         * one of its strands): recognised without the set lookup, the common case of a switch.
         */
        Runnable expected;

        /** The next {@code execute} on this thread is the first step of {@code strand}. */
        void starting(FastStrand strand) {
            startingOn = Thread.currentThread();
            starting = strand;
        }

        void forget(FastStrand strand) {
            Runnable c = strand.continuation;
            if (c != null) {
                own.remove(c);
            }
        }

        /** The JDK calls this whenever a virtual thread of this scheduler becomes runnable. */
        @Override
        public void execute(Runnable continuation) {
            Runnable known = expected;
            if (known == continuation && known != null) {
                expected = null;
            } else if (starting != null && startingOn == Thread.currentThread()) {
                FastStrand first = starting;
                starting = null;
                startingOn = null;
                first.continuation = continuation;
                own.add(continuation);
            } else if (!own.contains(continuation)) {
                ForeignVirtualThreads.execute(continuation);
                return;
            }
            if (runInline) {
                runInline = false;
                continuation.run();
                return;
            }
            loop.appendFromAnyThread(continuation);
        }
    }
}
