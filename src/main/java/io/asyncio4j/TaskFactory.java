package io.asyncio4j;

/**
 * Creates the tasks of a loop: asyncio's task factory, set with
 * {@link EventLoop#setTaskFactory}.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Creates (and schedules) a task.
     *
     * @param loop the loop
     * @param coro the body
     * @param options the name, context and eagerness asked for
     * @param <T> the result type
     * @return the new task
     */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coro, TaskOptions options);

    /**
     * asyncio's {@code eager_task_factory}: tasks start running synchronously in
     * {@code createTask} until they first suspend.
     *
     * @return a factory making eager tasks
     */
    static TaskFactory eager() {
        return new TaskFactory() {
            @Override
            public <T> Task<T> create(EventLoop loop, Coroutine<T> coro, TaskOptions options) {
                return new Task<>(loop, coro, options.withEagerStart(true));
            }
        };
    }
}
