package io.asyncio4j.internal.loop;

import io.asyncio4j.Future;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Handle;
import io.asyncio4j.Task;
import io.asyncio4j.internal.ContextCell;
import io.asyncio4j.internal.net.LoopNetwork;
import io.asyncio4j.internal.strand.Strand;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the public types ({@code Future}, {@code Task}, {@code Runner}, {@code Asyncio}, the
 * testing loops) need from an event loop beyond {@link EventLoop}: the task registry, strands,
 * the closing state and the loop-thread checks. {@link EventLoop} is sealed and permits only this
 * interface, which lives in a package the module does not export: every {@code EventLoop} is a
 * {@code LoopRuntime}, and {@link #of} turns one into the other without a cast that could fail.
 */
public non-sealed interface LoopRuntime extends EventLoop {

    /**
     * {@return {@code loop} as the runtime it always is}
     *
     * @param loop an event loop
     */
    static LoopRuntime of(EventLoop loop) {
        return switch (Objects.requireNonNull(loop, "loop")) {
            case LoopRuntime runtime -> runtime;
        };
    }

    /** {@return a new loop on the real monotonic clock} */
    static LoopRuntime create() {
        return new BaseLoop();
    }

    /**
     * {@return a new loop reading {@code clock}}
     *
     * @param clock the clock (the testing package passes a virtual one)
     */
    static LoopRuntime create(LoopClock clock) {
        return new BaseLoop(clock);
    }

    /** {@return the loop running on (or driving) the calling thread or strand, or null} */
    static LoopRuntime runningOnThisThread() {
        return ContextCell.get().loop;
    }

    /**
     * {@return whether the caller may touch the loop's queues directly}: the loop's thread, one of
     * its strands, or, while the loop is not running, the thread that last owned it.
     */
    boolean inLoopContext();

    /**
     * Before a future of this loop is completed: fails fast when a foreign thread completes a
     * future whose completion schedules callbacks or wakes a task (always), or any future (debug
     * mode). Checked before the future changes state, so a refused call loses nothing.
     *
     * @param future the future being completed
     * @param hasCallbacks whether completing it schedules callbacks or wakes a task
     * @throws IllegalStateException on a wrong-thread call
     */
    void checkCompletingThread(Future<?> future, boolean hasCallbacks);

    /**
     * Fails fast when a thread other than the running loop's (or one of its strands) performs
     * {@code what}, which is not thread-safe; an idle loop accepts any thread, as asyncio does.
     *
     * @param what the operation named in the error
     * @param subject what it operates on (described only in the error), or null
     * @throws IllegalStateException on a wrong-thread call
     */
    void checkThreadFor(String what, Object subject);

    /**
     * Fails if the loop is closed.
     *
     * @throws IllegalStateException "Event loop is closed"
     */
    void checkOpen();

    /** Inside a task: fails with CancelledError while {@code close()} unwinds the strands. */
    void checkNotClosing();

    /**
     * Schedules a handle made by asyncio4j itself: {@code callSoon} without wrapping it again.
     *
     * @param h the handle
     */
    void callSoonHandle(Handle h);

    /**
     * Records a new pending task.
     *
     * @param task the task
     * @return its registry node, handed back to {@link #taskDone}
     */
    TaskRegistry.Node taskCreated(Task<?> task);

    /**
     * A task finished.
     *
     * @param node its registry node
     */
    void taskDone(TaskRegistry.Node node);

    /** {@return the tasks of this loop that are not done yet, in creation order} */
    List<Task<?>> pendingTasks();

    /**
     * {@return a new, not yet started strand in this loop's strand mode}
     *
     * @param body the task's body
     * @param name the task's name, for debugging (may be null)
     */
    Strand newStrand(Runnable body, String name);

    /**
     * Starts a task's strand at once, until it first suspends (asyncio's eager start).
     *
     * @param strand the new task's strand
     */
    void startEager(Strand strand);

    /**
     * Debug mode: a task's strand is running (again) on the loop's behalf.
     *
     * @param task the task
     * @param strand its strand
     */
    void strandRunning(Task<?> task, Strand strand);

    /** {@return the loop's network part: connection bodies and the shared receive buffer} */
    LoopNetwork network();

    /**
     * Reports an error from any thread (the garbage collector's, for never-retrieved exceptions).
     *
     * @param context what happened
     * @param runIn the context the exception handler runs in, or null for a fresh one
     */
    void reportFromAnyThread(Map<String, Object> context, io.asyncio4j.Context runIn);
}
