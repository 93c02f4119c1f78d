package io.asyncio4j.internal.loop;

import io.asyncio4j.Context;
import io.asyncio4j.Coroutine;
import io.asyncio4j.Future;
import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.TaskFactory;
import io.asyncio4j.TaskOptions;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.internal.ContextCell;
import io.asyncio4j.internal.Delays;
import io.asyncio4j.internal.OpenResources;
import io.asyncio4j.internal.Sneaky;
import io.asyncio4j.internal.strand.Strand;
import io.asyncio4j.internal.strand.StrandFactory;
import io.asyncio4j.internal.strand.StrandHost;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The event loop: asyncio's {@code BaseEventLoop} + {@code BaseSelectorEventLoop}.
 *
 * <p>{@link #runOnce()} is the only place where callbacks run. One iteration: take what other
 * threads sent, wait for I/O no longer than the nearest timer (not at all if something is ready),
 * queue the ready I/O handles and the due timers, then run exactly the entries that were ready at
 * that point; what they schedule waits for the next iteration.
 *
 * <p>Ready entries are {@link Handle}s or strand steps (a task resuming).
 *
 * <p>This class is the scheduler core: the loop's thread identity, running and stopping, the
 * iteration, and the scheduling API. Its other jobs live in their own parts: {@link LoopServices}
 * (tasks, errors, I/O callbacks, signals, executors, network), {@link LoopDebug},
 * {@link LoopShutdown}, {@link EagerStart}, {@link TimerQueue}, {@link IoSelector}.
 */
public final class BaseLoop extends LoopServices implements StrandHost {
    static final System.Logger LOG = System.getLogger("io.asyncio4j");

    private final LoopClock clock;
    final ArrayDeque<Object> ready = new ArrayDeque<>(256);
    final EagerStart eager = new EagerStart();
    final TimerQueue timers = new TimerQueue();
    private final TimerHandle.Canceller timerCanceller = timers::onCancelled;
    final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean selecting;
    private final StrandFactory strands;
    final LoopDebug debugPart = new LoopDebug();

    /** The thread running the loop, while it runs. */
    private volatile Thread thread;
    /** The thread that may use the loop's queues directly: the runner, else the last one. */
    volatile Thread owner;
    ContextCell cell;
    volatile LoopState state = LoopState.IDLE;
    /** {@link #stop()} was called: the current (or next) iteration is the last one. */
    private boolean stopping;
    private long sequence;

    /** Debug mode, tested on every scheduling call; the rest of it lives in {@link #debugPart}. */
    private volatile boolean debug;

    /**
     * Creates a loop on the real monotonic clock.
     */
    BaseLoop() {
        this(new LoopClock.Monotonic());
    }

    /**
     * Creates a loop reading {@code clock} (the testing package passes a virtual one).
     *
     * @param clock the clock
     */
    BaseLoop(LoopClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Thread.currentThread();
        this.strands = StrandFactory.forLoop(this);
        OpenResources.loopOpened();
        if (DebugDefaults.enabled()) {
            setDebug(true);
        }
    }

    // ---- identity of the loop's thread ----------------------------------------------------------

    @Override
    public boolean inLoopContext() {
        Thread t = Thread.currentThread();
        Thread running = thread;
        if (running != null) {
            return t == running || ContextCell.get().loop == this;
        }
        return t == owner || ContextCell.get().loop == this;
    }

    @Override
    public boolean inEventLoop() {
        return inLoopContext();
    }

    /**
     * {@return whether the caller is the loop's running thread or one of its strands} Unlike
     * {@link #inLoopContext()}, never true for an idle loop's owner: the thread-safe entry points
     * use it, because another thread may be starting the loop at this very moment.
     */
    private boolean onRunningLoop() {
        Thread running = thread;
        return (running != null && Thread.currentThread() == running) || ContextCell.get().loop == this;
    }

    @Override
    public void strandRunning(Task<?> task, Strand strand) {
        if (debug) {
            debugPart.strandRunning(task, strand);
        }
    }

    @Override
    public Strand newStrand(Runnable body, String name) {
        return strands.create(this, body, name);
    }

    // ---- running ------------------------------------------------------------------------------

    @Override
    public <T> T runUntilComplete(Future<T> future) {
        checkOpen();
        checkNotRunning();
        if (future.getLoop() != this) {
            throw new IllegalArgumentException("the future belongs to another event loop: " + future);
        }
        java.util.function.Consumer<Future<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    @Override
    public <T> T runUntilComplete(Coroutine<T> coro) {
        checkOpen();
        checkNotRunning();
        return runUntilComplete(createTask(coro));
    }

    @Override
    public void runForever() {
        checkOpen();
        checkNotRunning();
        LoopRuntime previous = ContextCell.get().loop;
        if (previous != null && previous != this && previous.isRunning()) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running in this thread");
        }
        if (strands.runsLoopOnVirtualThread() && !Thread.currentThread().isVirtual()) {
            runOnVirtualThread();
            return;
        }
        runHere(previous);
    }

    /** Portable mode: the loop runs on a virtual thread of its own ({@link VirtualLoopThread}). */
    private void runOnVirtualThread() {
        Thread caller = Thread.currentThread();
        Throwable failure = VirtualLoopThread.runAndJoin(() -> runHere(null));
        owner = caller;
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
    }

    private void runHere(LoopRuntime previous) {
        Thread current = Thread.currentThread();
        thread = current;
        state = LoopState.RUNNING;
        owner = current;
        cell = ContextCell.get();
        ContextCell.get().loop = this;
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            thread = null;
            state = LoopState.IDLE;
            if (previous == null) {
                ContextCell.get().loop = null;
            } else {
                ContextCell.get().loop = previous;
            }
        }
    }

    private void checkNotRunning() {
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        LoopRuntime other = ContextCell.get().loop;
        if (other != null && other != this && other.isRunning()) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public boolean isClosed() {
        return state == LoopState.CLOSED;
    }

    @Override
    public void checkOpen() {
        if (state == LoopState.CLOSED) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    @Override
    public void checkNotClosing() {
        if (state == LoopState.CLOSING) {
            throw new io.asyncio4j.CancelledError("event loop is closing");
        }
    }

    /** One iteration: asyncio's {@code _run_once}; the only place where callbacks are called. */
    private void runOnce() {
        drainInbox();
        long timeout = computeTimeout();
        if (timeout != 0 && clock.isVirtual() && executors.pending() == 0) {
            waitVirtually();
        } else {
            pollIo(timeout);
        }
        drainInbox();
        if (!timers.isEmpty()) {
            long now = clock.nanoTime();
            TimerHandle t;
            while ((t = timers.peek()) != null) {
                if (t.cancelled()) {
                    timers.poll();
                } else if (t.deadlineNanos() <= now) {
                    timers.poll();
                    ready.add(t);
                } else {
                    break;
                }
            }
        }
        runReady();
    }

    /**
     * Runs exactly the entries that are ready now (what they schedule waits for the next call),
     * each followed by what an eager start inside it queued to run next. {@link #runOnce} and
     * {@link LoopShutdown} drain the queue through here.
     */
    void runReady() {
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            runEntry(ready.poll());
            if (eager.hasQueued()) {
                eager.drain(this);
            }
        }
    }

    private long computeTimeout() {
        if (!ready.isEmpty() || stopping) {
            return 0;
        }
        TimerHandle next = firstLiveTimer();
        if (next == null) {
            return -1;
        }
        return Math.max(0, next.deadlineNanos() - clock.nanoTime());
    }

    private TimerHandle firstLiveTimer() {
        TimerHandle t;
        while ((t = timers.peek()) != null && t.cancelled()) {
            timers.poll();
        }
        return t;
    }

    /** Virtual time: poll I/O (for the threshold, in real time), then jump to the next timer. */
    private void waitVirtually() {
        long threshold = clock.autojumpThresholdNanos();
        // Work finished on another thread between runOnce's drain and its pending() check has
        // its result in the inbox by now (delivered before the count drops): never jump past it.
        drainInbox();
        if (!ready.isEmpty()) {
            return; // the clock, told that the loop is idle, woke it (callSoonThreadsafe on the loop)
        }
        if (threshold > 0 || io.hasChannels()) {
            pollIo(threshold);
            drainInbox();
        }
        if (!ready.isEmpty()) {
            return;
        }
        TimerHandle next = firstLiveTimer();
        if (next != null) {
            clock.advanceTo(next.deadlineNanos());
        } else {
            pollIo(-1);
        }
    }

    private void pollIo(long timeoutNanos) {
        if (timeoutNanos == 0) {
            if (io.hasChannels()) {
                io.select(0, ready);
            }
            return;
        }
        selecting = true;
        try {
            if (!inbox.isEmpty()) {
                if (io.hasChannels()) {
                    io.select(0, ready);
                }
            } else {
                io.select(timeoutNanos, ready);
            }
        } finally {
            selecting = false;
        }
    }

    void drainInbox() {
        Object r;
        while ((r = inbox.poll()) != null) {
            ready.add(r);
        }
    }

    void runEntry(Object entry) {
        if (entry instanceof Handle h) {
            if (h.cancelled()) {
                return;
            }
            ContextCell c = cell != null ? cell : ContextCell.get();
            Object previous = c.value;
            c.value = h.getContext();
            try {
                if (debug) {
                    debugPart.runTimed(h.callback(), h);
                } else {
                    h.callback().run();
                }
            } catch (Throwable e) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Exception in callback " + h.callback());
                ctx.put("exception", e);
                ctx.put("handle", h);
                callExceptionHandler(ctx);
            } finally {
                c.value = previous;
            }
        } else if (debug) {
            debugPart.runTimed((Runnable) entry, null);
        } else {
            ((Runnable) entry).run();
        }
    }

    // ---- scheduling ----------------------------------------------------------------------------

    @Override
    public double time() {
        return clock.nanoTime() / 1e9;
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    @Override
    public Handle callSoon(Runnable callback, Context context) {
        checkOpen();
        checkThread("callSoon");
        Handle h = new Handle(Objects.requireNonNull(callback, "callback"), this,
                context != null ? context : Context.snapshot());
        // One FIFO across call_soon and call_soon_threadsafe, as asyncio's single _ready deque:
        // what other threads sent before this call goes first.
        if (!inbox.isEmpty()) {
            drainInbox();
        }
        append(h);
        return h;
    }

    @Override
    public void callSoonHandle(Handle h) {
        checkOpen();
        checkThread("callSoon");
        if (!inbox.isEmpty()) {
            drainInbox();
        }
        append(h);
    }

    @Override
    public void append(Object r) {
        if (eager.active) {
            eager.queue(r);
        } else {
            ready.add(r);
        }
    }

    @Override
    public void appendFromAnyThread(Object r) {
        if (inLoopContext()) {
            append(r);
        } else {
            sendToLoop(r);
        }
    }

    private static final Runnable NUDGE = () -> { };

    @Override
    void nudgeFromAnyThread() {
        if (clock.isVirtual() && state != LoopState.CLOSED) {
            sendToLoop(NUDGE);
        }
    }

    private void sendToLoop(Object r) {
        inbox.add(r);
        if (selecting) {
            io.wakeup();
        }
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkOpen();
        Handle h = new Handle(Objects.requireNonNull(callback, "callback"), this,
                context != null ? context : Context.snapshot());
        if (onRunningLoop()) {
            if (!inbox.isEmpty()) {
                drainInbox();
            }
            append(h);
        } else {
            sendToLoop(h);
        }
        return h;
    }

    @Override
    public TimerHandle callLater(double delay, Runnable callback) {
        // asyncio keeps negative delays (call_later(-2) runs before call_later(-1)); only NaN is refused.
        // Infinite or huge delays mean "never" (see Delays).
        return callAtNanos(clock.nanoTime() + Delays.nanos(delay, "delay"), callback, null);
    }

    @Override
    public TimerHandle callAt(double when, Runnable callback) {
        return callAtNanos(Delays.deadlineNanos(when, clock.nanoTime()), callback, null);
    }

    @Override
    public TimerHandle callAtNanos(long deadlineNanos, Runnable callback, Context context) {
        checkOpen();
        checkThread("callAt");
        TimerHandle t = new TimerHandle(Objects.requireNonNull(callback, "callback"), this,
                context != null ? context : Context.snapshot(), deadlineNanos, sequence++, timerCanceller);
        timers.add(t);
        // Synchronously, so an external clock knows of the timer before anything it caused is seen.
        clock.timerScheduled(deadlineNanos);
        return t;
    }

    /**
     * Fails fast when a thread other than the running loop's (or one of its strands) calls a
     * method that is not thread-safe: asyncio's {@code _check_thread}, but always on, because here
     * such a call corrupts the ready queue instead of merely racing. An idle loop accepts calls
     * from any thread, as asyncio does.
     */
    @Override
    void checkThread(String method) {
        checkThreadFor("loop." + method + "()", null);
    }

    @Override
    public void checkCompletingThread(Future<?> future, boolean hasCallbacks) {
        if (hasCallbacks || debug) {
            checkThreadFor("completing", future);
        }
    }

    @Override
    public void checkThreadFor(String what, Object subject) {
        Thread t = thread;
        if (t != null && Thread.currentThread() != t && ContextCell.get().loop != this) {
            throw new IllegalStateException(what + (subject != null ? " " + subject : "") + " was called from thread '" + Thread.currentThread().getName()
                    + "' but the event loop runs on '" + t.getName() + "': use callSoonThreadsafe() from other threads");
        }
    }

    // ---- futures and tasks -----------------------------------------------------------------

    @Override
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    @Override
    public <T> Task<T> createTask(Coroutine<T> coro, TaskOptions options) {
        checkOpen();
        checkThread("createTask");
        TaskFactory f = taskFactory;
        Task<T> task;
        if (f == null) {
            task = new Task<>(this, coro, options);
        } else {
            task = f.create(this, coro, options);
            // as asyncio's create_task: the name is set after the factory, which may ignore it
            if (options != null && options.name() != null) {
                task.setName(options.name());
            }
        }
        if (debug) {
            LOG.log(System.Logger.Level.DEBUG, () -> "created " + task);
        }
        return task;
    }

    @Override
    public void startEager(Strand strand) {
        eager.start(this, strand, Thread.currentThread() == thread);
    }

    @Override
    public void enterRunNextMode() {
        eager.active = true;
    }

    // ---- debug ----------------------------------------------------------------------------------

    @Override
    public void setDebug(boolean enabled) {
        debug = enabled;
        debugPart.setEnabled(enabled);
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setSlowCallbackDuration(double seconds) {
        debugPart.setSlowCallbackNanos((long) (seconds * 1e9));
    }

    @Override
    public double getSlowCallbackDuration() {
        return debugPart.slowCallbackNanos() / 1e9;
    }

    // ---- closing ------------------------------------------------------------------------------

    @Override
    public void close() {
        LoopShutdown.close(this);
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + isClosed() + " debug=" + debug + ">";
    }
}
