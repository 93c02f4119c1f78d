package io.asyncio4j.internal;

import io.asyncio4j.Context;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.ExceptionHandler;
import io.asyncio4j.Future;
import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.TaskFactory;
import io.asyncio4j.TaskOptions;
import io.asyncio4j.TimerHandle;
import io.asyncio4j.internal.strand.Strand;
import io.asyncio4j.internal.strand.StrandFactory;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loop: asyncio's {@code BaseEventLoop} + {@code BaseSelectorEventLoop}.
 *
 * <p>{@link #runOnce()} is the only place where callbacks run. One iteration: take what other
 * threads sent, wait for I/O no longer than the nearest timer (not at all if something is ready),
 * queue the ready I/O handles and the due timers, then run exactly the entries that were ready at
 * that point; what they schedule waits for the next iteration.
 *
 * <p>Ready entries are {@link Handle}s or strand steps (a task resuming).
 */
public final class BaseLoop implements EventLoop {
    static final System.Logger LOG = System.getLogger("io.asyncio4j");
    private static final long DEFAULT_SLOW_CALLBACK_NANOS = 100_000_000L;

    private final LoopClock clock;
    private final IoSelector io = new IoSelector();
    private final ArrayDeque<Object> ready = new ArrayDeque<>(256);
    /** Entries that must run right after the current one (eager task start from a strand). */
    private final ArrayDeque<Object> runNext = new ArrayDeque<>();
    private boolean runNextMode;
    private final TimerQueue timers = new TimerQueue();
    private final TimerHandle.Canceller timerCanceller = timers::onCancelled;
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private volatile boolean selecting;
    private final TaskRegistry tasks = new TaskRegistry();
    private final StrandFactory strands;
    private final SignalHandlers signals = new SignalHandlers(this);
    private final ExecutorBridge executors = new ExecutorBridge(this);

    /** The thread running the loop, while it runs. */
    private volatile Thread thread;
    /** The thread that may use the loop's queues directly: the runner, else the last one. */
    private volatile Thread owner;
    private ContextCell cell;
    private boolean stopping;
    private volatile boolean closed;
    private boolean closing;
    private long sequence;

    private ExceptionHandler exceptionHandler;
    private TaskFactory taskFactory;
    private volatile boolean debug;
    private volatile long slowCallbackNanos = DEFAULT_SLOW_CALLBACK_NANOS;
    private SlowCallbackWatchdog watchdog;
    private Task<?> debugCurrentTask;
    private Strand debugCurrentStrand;
    /** Debug mode: strands parked in a JDK blocking call, to report when they come back. */
    private final java.util.IdentityHashMap<Strand, BlockedStrand> blockedStrands = new java.util.IdentityHashMap<>();

    private record BlockedStrand(Task<?> task, long sinceNanos, StackTraceElement[] stack) {
    }

    /**
     * Creates a loop on the real monotonic clock.
     */
    public BaseLoop() {
        this(new LoopClock.Monotonic());
    }

    /**
     * Creates a loop reading {@code clock} (the testing package passes a virtual one).
     *
     * @param clock the clock
     */
    public BaseLoop(LoopClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Thread.currentThread();
        this.strands = StrandFactory.forLoop(this);
        OpenResources.loopOpened();
        if (DebugDefaults.enabled()) {
            setDebug(true);
        }
    }

    // ---- identity of the loop's thread ----------------------------------------------------------

    /** {@return the loop running on (or driving) the calling thread or strand, or null} */
    public static BaseLoop runningOnThisThread() {
        return ContextCell.get().loop;
    }

    /**
     * {@return whether the caller may touch the loop's queues directly}: the loop's thread, one of
     * its strands, or, while the loop is not running, the thread that last owned it.
     */
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

    /** Called by a task's strand when it first runs: the strand now speaks for this loop. */
    public void enterStrand() {
        ContextCell.get().loop = this;
    }

    /**
     * Debug mode: a task's strand is running (again) on the loop's behalf.
     *
     * @param task the task
     * @param strand its strand
     */
    public void strandRunning(Task<?> task, Strand strand) {
        if (debug && watchdog != null) {
            debugCurrentTask = task;
            debugCurrentStrand = strand;
            watchdog.runningOn(Thread.currentThread());
        }
    }

    /** {@return the strand factory of this loop's mode} */
    public StrandFactory strands() {
        return strands;
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
        BaseLoop previous = ContextCell.get().loop;
        if (previous != null && previous != this && previous.isRunning()) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running in this thread");
        }
        if (strands.runsLoopOnVirtualThread() && !Thread.currentThread().isVirtual()) {
            runOnVirtualThread();
            return;
        }
        runHere(previous);
    }

    /**
     * Portable mode: the loop itself runs on a virtual thread while the caller waits, so that
     * handing the loop to a strand and back is a switch between two virtual threads on the same
     * scheduler instead of a wake-up of a parked platform thread.
     */
    private void runOnVirtualThread() {
        Thread caller = Thread.currentThread();
        Throwable[] failure = new Throwable[1];
        Thread loopThread = Thread.ofVirtual().name("asyncio4j-loop").unstarted(() -> {
            try {
                runHere(null);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        loopThread.start();
        boolean interrupted = false;
        while (true) {
            try {
                loopThread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        owner = caller;
        if (interrupted) {
            caller.interrupt();
        }
        if (failure[0] != null) {
            throw Sneaky.rethrow(failure[0]);
        }
    }

    private void runHere(BaseLoop previous) {
        Thread current = Thread.currentThread();
        thread = current;
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
        BaseLoop other = ContextCell.get().loop;
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
        return closed;
    }

    /**
     * Fails if the loop is closed.
     *
     * @throws IllegalStateException "Event loop is closed"
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    /** Inside a task: fails with CancelledError while {@link #close()} unwinds the strands. */
    public void checkNotClosing() {
        if (closing) {
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
        int n = ready.size();
        for (int i = 0; i < n; i++) {
            runEntry(ready.poll());
            if (!runNext.isEmpty()) {
                drainRunNext();
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

    private void drainInbox() {
        Object r;
        while ((r = inbox.poll()) != null) {
            ready.add(r);
        }
    }

    private void drainRunNext() {
        Object r;
        while ((r = runNext.pollFirst()) != null) {
            // Only the strand that starts an eager task (and the task itself) go to run-next; what
            // they schedule afterwards is ordinary ready work.
            runNextMode = false;
            int before = runNext.size();
            runEntry(r);
            // An eager start inside this entry queued the new task and this entry's continuation:
            // they run before the older run-next entries, as nested eager steps do in asyncio.
            for (int added = runNext.size() - before; added > 0 && before > 0; added--) {
                runNext.addFirst(runNext.pollLast());
            }
        }
        runNextMode = false;
    }

    private void runEntry(Object entry) {
        if (entry instanceof Handle h) {
            if (h.cancelled()) {
                return;
            }
            ContextCell c = cell != null ? cell : ContextCell.get();
            Object previous = c.value;
            c.value = h.getContext();
            try {
                if (debug) {
                    runTimed(h.callback(), h);
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
            runTimed((Runnable) entry, null);
        } else {
            ((Runnable) entry).run();
        }
    }

    private void runTimed(Runnable r, Handle h) {
        SlowCallbackWatchdog w = watchdog;
        debugCurrentTask = null;
        debugCurrentStrand = null;
        w.begin(r, Thread.currentThread());
        try {
            r.run();
        } finally {
            StackTraceElement[] stack = w.end();
            long took = w.elapsedNanos();
            if (took >= slowCallbackNanos) {
                reportSlow(h != null ? "Executing " + h : "Executing step of " + debugCurrentTask, took, stack);
            }
            if (h == null) {
                checkBlockedStrands();
            }
        }
    }

    /**
     * Fast mode parks a strand that makes a JDK blocking call instead of freezing the loop; debug
     * mode still reports the call when it delayed the task longer than the slow-callback limit.
     */
    private void checkBlockedStrands() {
        if (!blockedStrands.isEmpty()) {
            long now = System.nanoTime();
            blockedStrands.entrySet().removeIf(e -> {
                if (e.getKey().blockedOutsideLoop()) {
                    return false;
                }
                long took = now - e.getValue().sinceNanos();
                if (took >= slowCallbackNanos) {
                    reportSlow("Executing step of " + e.getValue().task() + " (in a blocking call)", took,
                            e.getValue().stack());
                }
                return true;
            });
        }
        Strand s = debugCurrentStrand;
        if (s != null && !blockedStrands.containsKey(s) && s.blockedOutsideLoop()) {
            blockedStrands.put(s, new BlockedStrand(debugCurrentTask, System.nanoTime(), s.stackTrace()));
        }
    }

    private void reportSlow(String what, long nanos, StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder(what).append(String.format(" took %.3f seconds", nanos / 1e9));
        if (stack != null) {
            sb.append("; it was blocked in:");
            for (StackTraceElement e : stack) {
                sb.append("\n\tat ").append(e);
            }
        }
        LOG.log(System.Logger.Level.WARNING, sb.toString());
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

    /**
     * Schedules a handle made by asyncio4j itself (a callback that is its own handle): like
     * {@link #callSoon(Runnable, Context)} without wrapping the callback again.
     *
     * @param h the handle
     */
    public void callSoonHandle(Handle h) {
        checkOpen();
        checkThread("callSoon");
        if (!inbox.isEmpty()) {
            drainInbox();
        }
        append(h);
    }

    /**
     * Queues a ready entry from the loop's thread or one of its strands.
     *
     * @param r a {@link Handle} or a strand step ({@link Runnable})
     */
    public void append(Object r) {
        if (runNextMode) {
            runNext.add(r);
        } else {
            ready.add(r);
        }
    }

    /**
     * Queues a ready entry from any thread: directly when on the loop, else through the inbox.
     *
     * @param r a {@link Handle} or a strand step ({@link Runnable})
     */
    public void appendFromAnyThread(Object r) {
        if (inLoopContext()) {
            append(r);
        } else {
            sendToLoop(r);
        }
    }

    private static final Runnable NUDGE = () -> { };

    /** Makes a virtual-time loop re-evaluate its wait (work it waited for ended); any thread. */
    void nudgeFromAnyThread() {
        if (clock.isVirtual() && !closed) {
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
     *
     * @param method the method named in the error
     * @throws IllegalStateException on a wrong-thread call
     */
    public void checkThread(String method) {
        checkThreadFor("loop." + method + "()", null);
    }

    /**
     * Like {@link #checkThread(String)} for completing a future of this loop, which schedules its
     * callbacks: checked before the future changes state, so a refused call loses nothing.
     * Without callbacks, as in asyncio, only debug mode checks.
     *
     * @param future the future being completed
     * @param hasCallbacks whether completing it schedules callbacks or wakes a task
     * @throws IllegalStateException on a wrong-thread call
     */
    public void checkCompletingThread(Future<?> future, boolean hasCallbacks) {
        if (hasCallbacks || debug) {
            checkThreadFor("completing", future);
        }
    }

    /**
     * The check of {@link #checkThread(String)} for an operation on {@code subject}.
     *
     * @param what the operation named in the error
     * @param subject what it operates on (described only in the error), or null
     * @throws IllegalStateException on a wrong-thread call
     */
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
        Task<T> task = f != null ? f.create(this, coro, options) : new Task<>(this, coro, options);
        if (debug) {
            LOG.log(System.Logger.Level.DEBUG, () -> "created " + task);
        }
        return task;
    }

    @Override
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    @Override
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /**
     * Records a new pending task.
     *
     * @param task the task
     * @return its registry node, handed back to {@link #taskDone}
     */
    public TaskRegistry.Node taskCreated(Task<?> task) {
        return tasks.add(task);
    }

    /**
     * A task finished.
     *
     * @param node its registry node
     */
    public void taskDone(TaskRegistry.Node node) {
        tasks.remove(node);
    }

    /** {@return the tasks of this loop that are not done yet, in creation order} */
    public List<Task<?>> pendingTasks() {
        return tasks.snapshot();
    }

    /**
     * Starts a task's strand at once, until it first suspends (asyncio's eager start). From the
     * loop's own thread the strand runs synchronously; from another task's strand, that task
     * yields the loop to the new one and resumes right after it suspends, with nothing else in
     * between.
     *
     * @param strand the new task's strand
     */
    public void startEager(Strand strand) {
        if (Thread.currentThread() == thread) {
            strand.startNow();
        } else {
            runNextMode = true;
            strand.start();
            Strand.yieldCurrentToRunNext(this);
        }
    }

    /** Routes the next scheduling of the current strand to the run-next queue. */
    public void enterRunNextMode() {
        runNextMode = true;
    }

    // ---- executors --------------------------------------------------------------------------

    @Override
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkOpen();
        return executors.submit(executor, Objects.requireNonNull(fn, "fn"));
    }

    @Override
    public void setDefaultExecutor(ExecutorService executor) {
        executors.setDefault(executor);
    }

    @Override
    public Future<Void> shutdownDefaultExecutor() {
        return executors.shutdownDefault();
    }

    // ---- errors -------------------------------------------------------------------------------

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void callExceptionHandler(Map<String, Object> context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            try {
                defaultExceptionHandler(context);
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler", e);
            }
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable e) {
            try {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Unhandled error in exception handler");
                ctx.put("exception", e);
                ctx.put("context", context);
                defaultExceptionHandler(ctx);
            } catch (Throwable ignored) {
                LOG.log(System.Logger.Level.ERROR, "Exception in default exception handler while handling an "
                        + "unexpected error in custom exception handler", ignored);
            }
        }
    }

    @Override
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.getOrDefault("message", "Unhandled exception in event loop");
        Throwable exception = context.get("exception") instanceof Throwable t ? t : null;
        StringBuilder sb = new StringBuilder(String.valueOf(message));
        for (Map.Entry<String, Object> e : context.entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        LOG.log(System.Logger.Level.ERROR, sb.toString(), exception);
    }

    /**
     * Reports an error from any thread (the garbage collector's, for never-retrieved exceptions).
     *
     * @param context what happened
     */
    public void reportFromAnyThread(Map<String, Object> context) {
        if (!closed) {
            try {
                callSoonThreadsafe(() -> callExceptionHandler(context));
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // fall through: report directly
            }
        }
        defaultExceptionHandler(context);
    }

    // ---- debug ----------------------------------------------------------------------------------

    @Override
    public void setDebug(boolean enabled) {
        debug = enabled;
        if (enabled && watchdog == null) {
            watchdog = new SlowCallbackWatchdog(this);
        } else if (!enabled && watchdog != null) {
            watchdog.stop();
            watchdog = null;
        }
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setSlowCallbackDuration(double seconds) {
        slowCallbackNanos = (long) (seconds * 1e9);
    }

    @Override
    public double getSlowCallbackDuration() {
        return slowCallbackNanos / 1e9;
    }

    long slowCallbackNanos() {
        return slowCallbackNanos;
    }

    // ---- I/O --------------------------------------------------------------------------------

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread("addReader");
        Objects.requireNonNull(callback, "callback");
        if ((channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) == 0) {
            throw new IllegalArgumentException("channel cannot be read or accepted from: " + channel);
        }
        io.addReader(channel, new Handle(callback, this, Context.copyCurrent()));
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return !closed && io.removeReader(channel);
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread("addWriter");
        Objects.requireNonNull(callback, "callback");
        if ((channel.validOps() & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) == 0) {
            throw new IllegalArgumentException("channel cannot be written or connected: " + channel);
        }
        io.addWriter(channel, new Handle(callback, this, Context.copyCurrent()));
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return !closed && io.removeWriter(channel);
    }

    /**
     * {@return how many readers and writers are registered} For leak checks in tests.
     */
    public int ioRegistrations() {
        return io.registrations();
    }

    /**
     * {@return how many valid selection keys the selector holds}
     * For leak checks in tests.
     */
    public int selectorKeys() {
        return io.keys();
    }

    @Override
    public void addSignalHandler(String signal, Runnable callback) {
        checkOpen();
        signals.add(signal, Objects.requireNonNull(callback, "callback"));
    }

    @Override
    public boolean removeSignalHandler(String signal) {
        return signals.remove(signal);
    }

    // ---- closing ------------------------------------------------------------------------------

    @Override
    public void close() {
        if (isRunning()) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        if (tasks.size() > 0) {
            unwindPendingTasks();
        }
        closed = true;
        OpenResources.loopClosed();
        ready.clear();
        runNext.clear();
        inbox.clear();
        timers.clear();
        signals.removeAll();
        io.close();
        if (watchdog != null) {
            watchdog.stop();
            watchdog = null;
        }
        blockedStrands.clear();
        executors.shutdownOnClose();
    }

    /**
     * Cancels every pending task and runs their strands until they finish: each {@code await}
     * throws CancelledError at once, so finally blocks run and no strand is left parked.
     */
    private void unwindPendingTasks() {
        Thread current = Thread.currentThread();
        Thread previousOwner = owner;
        BaseLoop previousRunning = ContextCell.get().loop;
        owner = current;
        cell = ContextCell.get();
        ContextCell.get().loop = this;
        closing = true;
        try {
            for (int round = 0; round < 100 && tasks.size() > 0; round++) {
                for (Task<?> t : tasks.snapshot()) {
                    if (round == 0 && debug) {
                        Map<String, Object> ctx = new LinkedHashMap<>();
                        ctx.put("message", "Task was destroyed but it is pending!");
                        ctx.put("task", t);
                        callExceptionHandler(ctx);
                    }
                    t.cancel("event loop is closing");
                }
                drainInbox();
                int n = ready.size();
                for (int i = 0; i < n; i++) {
                    runEntry(ready.poll());
                    if (!runNext.isEmpty()) {
                        drainRunNext();
                    }
                }
                if (ready.isEmpty() && inbox.isEmpty() && tasks.size() > 0) {
                    // A strand is blocked outside asyncio4j (a JDK call): give it a moment.
                    waitBriefly();
                }
            }
            if (tasks.size() > 0) {
                LOG.log(System.Logger.Level.WARNING, "event loop closed with " + tasks.size()
                        + " task(s) that would not finish: " + tasks.snapshot());
            }
        } finally {
            closing = false;
            owner = previousOwner;
            if (previousRunning == null) {
                ContextCell.get().loop = null;
            } else {
                ContextCell.get().loop = previousRunning;
            }
        }
    }

    private void waitBriefly() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        while (inbox.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
