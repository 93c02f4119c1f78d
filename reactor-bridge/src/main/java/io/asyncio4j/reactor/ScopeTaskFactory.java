package io.asyncio4j.reactor;

import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import io.asyncio4j.TaskFactory;
import io.asyncio4j.TaskOptions;

/**
 * The task factory that tells a {@link ChildScope} about each task created in it: it wraps the
 * loop's previous factory (or the default), creates the task through it, and hands the task to
 * the scope found in the task's context. Installed on a loop the first time a bridged body runs
 * there, and again if something replaced it since.
 */
final class ScopeTaskFactory implements TaskFactory {
    private final TaskFactory inner;

    private ScopeTaskFactory(TaskFactory inner) {
        this.inner = inner;
    }

    /** On the loop: makes sure {@code loop} creates its tasks through a scope-tracking factory. */
    static void installOn(EventLoop loop) {
        TaskFactory current = loop.getTaskFactory();
        if (!(current instanceof ScopeTaskFactory)) {
            loop.setTaskFactory(new ScopeTaskFactory(current));
        }
    }

    @Override
    public <T> Task<T> create(EventLoop loop, Coroutine<T> coro, TaskOptions options) {
        Task<T> task = inner != null ? inner.create(loop, coro, options) : new Task<>(loop, coro, options);
        ChildScope scope = task.getContext().get(ChildScope.CURRENT);
        if (scope != null) {
            scope.adopt(task);
        }
        return task;
    }
}
