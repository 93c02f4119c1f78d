package io.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured concurrency for tasks: asyncio's {@code asyncio.TaskGroup}.
 *
 * <p>{@link #run(Body)} runs a body that starts tasks with {@link #createTask}; it returns only
 * when every task of the group is done. The first task that fails cancels the others and the
 * body; all failures then come back together as an {@link ExceptionGroup}. If the task running
 * the group is cancelled from outside, the group's tasks are cancelled and the
 * {@link CancelledError} propagates; the task's {@linkplain Task#cancelling() cancellation count}
 * stays what the outside caller made it.
 *
 * {@snippet :
 * List<String> pages = TaskGroup.run(tg -> {
 *     Task<String> a = tg.createTask(() -> fetch("a"));
 *     Task<String> b = tg.createTask(() -> fetch("b"));
 *     return () -> List.of(a.result(), b.result());   // read after the group finished
 * }).call();
 * }
 *
 * <p><b>Differences from asyncio.</b> Python's {@code async with TaskGroup() as tg:} becomes a
 * body passed to {@link #run(Body)}: Java's try-with-resources cannot see the exception its block
 * raised, which the group needs.
 */
public final class TaskGroup {
    /**
     * The body of a task group.
     *
     * @param <T> the body's result type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Runs the body; tasks it creates with {@code group.createTask} belong to the group.
         *
         * @param group the group
         * @return the result of {@link TaskGroup#run}
         * @throws Exception whatever the body raises
         */
        T run(TaskGroup group) throws Exception;
    }

    private final EventLoop loop;
    private final Task<?> parent;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Boolean> onCompleted;

    private TaskGroup(Task<?> parent) {
        this.parent = parent;
        this.loop = parent.getLoop();
    }

    /**
     * Runs {@code body} as a task group, inside the current task: asyncio's
     * {@code async with asyncio.TaskGroup() as tg: ...}.
     *
     * @param body the body
     * @param <T> its result type
     * @return what the body returned, once every task of the group is done
     * @throws ExceptionGroup if the body or tasks of the group failed
     * @throws CancelledError if the current task was cancelled from outside
     */
    public static <T> T run(Body<T> body) {
        Task<?> parent = Task.current();
        if (parent == null) {
            throw Task.notInTask("TaskGroup.run");
        }
        TaskGroup group = new TaskGroup(parent);
        T result;
        try {
            result = body.run(group);
        } catch (Throwable e) {
            group.exit(e);
            throw io.asyncio4j.internal.Sneaky.rethrow(e);
        }
        group.exit(null);
        return result;
    }

    /**
     * Starts a task in the group: asyncio's {@code TaskGroup.create_task}.
     *
     * @param coro the body
     * @param <R> its result type
     * @return the task
     * @throws IllegalStateException if the group finished or is shutting down
     */
    public <R> Task<R> createTask(Coroutine<R> coro) {
        return createTask(coro, TaskOptions.DEFAULT);
    }

    /**
     * Starts a named task in the group.
     *
     * @param coro the body
     * @param name the task's name
     * @param <R> its result type
     * @return the task
     */
    public <R> Task<R> createTask(Coroutine<R> coro, String name) {
        return createTask(coro, TaskOptions.named(name));
    }

    /**
     * Starts a task in the group with asyncio's keyword arguments.
     *
     * @param coro the body
     * @param options name, context, eager start
     * @param <R> its result type
     * @return the task
     */
    public <R> Task<R> createTask(Coroutine<R> coro, TaskOptions options) {
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<R> task = loop.createTask(coro, options);
        if (task.done()) {
            onTaskDone(task);
        } else {
            tasks.add(task);
            task.addAwaitedBy(parent); // asyncio 3.14: the group's parent awaits its tasks
            task.addDoneCallback(this::onTaskDone);
        }
        return task;
    }

    private static boolean isBaseError(Throwable e) {
        return e instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        task.discardAwaitedBy(parent);
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (isBaseError(e) && baseError == null) {
            baseError = e;
        }
        if (parent.done()) {
            loop.callExceptionHandler(Map.of("message", "Task " + task + " has errored out but its parent task "
                    + parent + " is already completed", "exception", e, "task", task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    /** asyncio's {@code TaskGroup._aexit}. */
    private void exit(Throwable bodyError) {
        exiting = true;
        if (bodyError != null && isBaseError(bodyError) && baseError == null) {
            baseError = bodyError;
        }
        CancelledError propagateCancellation = bodyError instanceof CancelledError c ? c : null;
        if (bodyError != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (onCompleted == null) {
                onCompleted = loop.createFuture();
            }
            try {
                onCompleted.await();
            } catch (CancelledError e) {
                if (!aborting) {
                    propagateCancellation = e;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            throw io.asyncio4j.internal.Sneaky.rethrow(baseError);
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancellation = null;
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (bodyError != null && !(bodyError instanceof CancelledError)) {
            errors.add(bodyError);
        }
        if (!errors.isEmpty()) {
            if (parent.cancelling() > 0) {
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + tasks.size() + (errors.isEmpty() ? "" : " errors=" + errors.size())
                + (aborting ? " cancelling" : exiting ? " exiting" : " entered") + ">";
    }
}
