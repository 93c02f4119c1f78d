package io.asyncio4j.internal.strand;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Fast mode: the strand is a virtual thread whose scheduler is the event loop. When the strand
 * becomes runnable, the JDK hands its continuation to {@link Factory#execute}, which queues the
 * strand on the loop; the loop runs a step ({@link #run()}) on its own thread until the strand
 * parks again. A task switch is a continuation yield and mount, with no other thread involved
 * and no allocation.
 */
final class FastStrand extends Strand implements Runnable {
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
    /*
     * The fields below are touched only on the loop's thread: by the loop, or by one of its
     * strands, which run mounted on that thread. The virtual thread's own state transitions
     * (park, unpark, mount) order them, so none needs to be volatile.
     */
    private boolean woken;
    /** True while parked by the loop (suspend, yield); false while running or parked by a JDK call. */
    private boolean parkedByLoop;
    /** True while parked in {@link #suspend()}, waiting for {@link #wake()}. */
    private boolean inSuspend;
    /** The body has ended: a step that returns without parking by the loop is not blocked. */
    private boolean finished;
    /** Registered in the factory's map of strands parked in a JDK blocking call. */
    private boolean registeredBlocked;

    /** The JDK's runnable that mounts this strand's virtual thread; learned at start. */
    private Runnable continuation;

    private FastStrand(Factory factory, Runnable body) {
        this.factory = factory;
        this.thread = factory.builder.unstarted(() -> {
            try {
                bindToCurrentThread();
                body.run();
            } finally {
                finished = true;
                if (registeredBlocked) {
                    factory.forget(this);
                }
            }
        });
    }

    /**
     * One step, run by the loop: mount the strand until it parks or ends. A step that returns
     * while the strand is neither parked by the loop nor finished left it parked in a JDK
     * blocking call (a lock, {@code Thread.sleep}); it is remembered so that the JDK's later
     * wake-up, from any thread, is recognised as this loop's and not a foreign virtual thread's.
     */
    @Override
    public void run() {
        factory.stepping(this);
        continuation.run();
        if (finished) {
            // Nothing can wake an ended strand: forget it, or the factory would keep its task
            // (and everything the task's body captured) reachable until the next step.
            factory.stepping(null);
        } else if (!parkedByLoop) {
            factory.blockedOutside(this);
        }
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
        if (!inSuspend) {
            // Running: a cancel() completed the awaited future before the strand could suspend;
            // suspend() sees the flag and goes through the ready queue.
            woken = true;
            return;
        }
        // Hand the continuation in; the flag is set only once it is queued on the loop. If the JDK
        // did not hand it in, the strand is not parked at this instant: a stray unpark or
        // interrupt from user code let it run on another carrier, where it finds the flag unset
        // and parks again. Retry until then, so that it can never go on away from the loop.
        while (true) {
            factory.handing = this;
            LockSupport.unpark(thread);
            if (factory.handing == null || !thread.isAlive()) {
                break;
            }
            factory.handing = null;
            Thread.onSpinWait();
        }
        factory.handing = null;
        woken = true;
    }

    @Override
    public void suspend() {
        if (woken) {
            // Woken before it could suspend: the awaited future completed synchronously (a pending
            // cancel() cancelled it). asyncio resumes the task from a call_soon'd wakeup, so go
            // through the ready queue too instead of running on; portable strands do the same.
            woken = false;
            yieldNow();
            return;
        }
        parkedByLoop = true;
        inSuspend = true;
        while (!woken) {
            LockSupport.park();
        }
        inSuspend = false;
        parkedByLoop = false;
        woken = false;
    }

    @Override
    public void yieldNow() {
        parkedByLoop = true;
        factory.handing = this;
        Thread.yield();
        factory.handing = null;
        parkedByLoop = false;
    }

    @Override
    public boolean blockedOutsideLoop() {
        return !parkedByLoop && thread.isAlive();
    }

    @Override
    public StackTraceElement[] stackTrace() {
        // Taking the trace of an unmounted, runnable virtual thread makes the JDK resubmit its
        // continuation on this thread: execute() must know it as this loop's, not a foreign one.
        Factory.TRACING.set(this);
        try {
            return thread.getStackTrace();
        } finally {
            Factory.TRACING.remove();
        }
    }

    /** Makes fast strands for one loop, and is the scheduler of their virtual threads. */
    static final class Factory extends StrandFactory implements Executor {
        private final StrandHost loop;
        private final Thread.Builder.OfVirtual builder;
        boolean runInline;

        Factory(StrandHost loop) {
            this.loop = loop;
            try {
                this.builder = (Thread.Builder.OfVirtual) BUILDER.newInstance(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create a fast-mode strand builder", e);
            }
        }

        @Override
        public Strand create(StrandHost loop, Runnable body, String name) {
            return new FastStrand(this, body);
        }

        @Override
        public String mode() {
            return "fast";
        }

        /**
         * Strands of this loop parked in a JDK blocking call, by continuation (usually empty). A
         * virtual thread inherits its creator's scheduler, so a virtual thread that user code
         * starts inside a task (directly or through a virtual-thread executor) would otherwise be
         * scheduled on the event loop, and one blocking call in it would freeze the loop. Those
         * go to {@link ForeignVirtualThreads}; this map (with {@link #current}) tells them apart
         * from this loop's own strands without tracking every live strand.
         */
        private final ConcurrentHashMap<Runnable, FastStrand> blocked = new ConcurrentHashMap<>();
        private static final VarHandle CURRENT;
        /** The strand whose stack trace the calling thread is taking (see {@link #stackTrace()}). */
        static final ThreadLocal<FastStrand> TRACING = new ThreadLocal<>();

        static {
            try {
                CURRENT = MethodHandles.lookup().findVarHandle(Factory.class, "current", FastStrand.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /**
         * The strand of the latest step (written with release semantics before the step, read
         * with acquire by other threads): a JDK wake-up of a strand that parked during its step
         * arrives either while this still names it or after {@link #blockedOutside} recorded it.
         */
        @SuppressWarnings("unused")
        private FastStrand current;
        private FastStrand starting;
        private Thread startingOn;
        /**
         * The strand whose continuation the loop's own thread is about to hand in (a wake or a
         * yield): recognised without any lookup, the common case of a switch.
         */
        FastStrand handing;

        /** The next {@code execute} on this thread is the first step of {@code strand}. */
        void starting(FastStrand strand) {
            startingOn = Thread.currentThread();
            starting = strand;
        }

        void stepping(FastStrand strand) {
            CURRENT.setRelease(this, strand);
        }

        void blockedOutside(FastStrand strand) {
            strand.registeredBlocked = true;
            blocked.put(strand.continuation, strand);
            // Published after the map entry: a thread that no longer sees this strand as
            // current is sure to find it in the map.
            CURRENT.setRelease(this, (FastStrand) null);
        }

        void forget(FastStrand strand) {
            Runnable c = strand.continuation;
            if (c != null) {
                blocked.remove(c);
            }
        }

        /** The JDK calls this whenever a virtual thread of this scheduler becomes runnable. */
        @Override
        public void execute(Runnable continuation) {
            FastStrand s = handing;
            if (s != null && s.continuation == continuation) {
                handing = null;
            } else if (starting != null && startingOn == Thread.currentThread()) {
                s = starting;
                starting = null;
                startingOn = null;
                s.continuation = continuation;
            } else {
                s = (FastStrand) CURRENT.getAcquire(this);
                if (s == null || s.continuation != continuation) {
                    s = blocked.get(continuation);
                }
                if (s == null) {
                    FastStrand traced = TRACING.get();
                    s = traced != null && traced.continuation == continuation ? traced : null;
                    if (s == null) {
                        ForeignVirtualThreads.execute(continuation);
                        return;
                    }
                }
            }
            if (runInline) {
                runInline = false;
                s.run();
                return;
            }
            // A wake from the running strand (the common case) may use the ready queue directly.
            FastStrand cur = (FastStrand) CURRENT.getAcquire(this);
            if (cur != null && Thread.currentThread() == cur.thread) {
                loop.append(s);
            } else {
                loop.appendFromAnyThread(s);
            }
        }
    }
}
