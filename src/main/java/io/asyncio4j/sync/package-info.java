/**
 * Synchronization primitives and queues for tasks: asyncio's {@code asyncio.locks} and
 * {@code asyncio.queues}.
 *
 * <p>{@link io.asyncio4j.sync.Lock}, {@link io.asyncio4j.sync.Event},
 * {@link io.asyncio4j.sync.Condition}, {@link io.asyncio4j.sync.Semaphore},
 * {@link io.asyncio4j.sync.BoundedSemaphore}, {@link io.asyncio4j.sync.Barrier},
 * {@link io.asyncio4j.sync.Queue}, {@link io.asyncio4j.sync.PriorityQueue} and
 * {@link io.asyncio4j.sync.LifoQueue} follow asyncio's algorithms: waiters are futures in a FIFO
 * deque, wake-ups are fair (first come, first served), and a waiter that is cancelled at the
 * moment it is woken passes its wake-up on, so cancellation never loses a wake-up nor corrupts a
 * primitive.
 *
 * <p><b>Threading.</b> As in asyncio, these primitives coordinate <em>tasks of one event
 * loop</em>; they are not thread-safe. As in asyncio, a primitive binds to the running loop
 * the first time a task has to wait for it (never when it is created or used without waiting,
 * so an uncontended primitive may serve several {@code Asyncio.run} calls in turn), and from
 * then on throws {@link java.lang.IllegalStateException} when a task of a different loop has to
 * wait for it. Any use from a thread that is not running the loop it was last used on, while
 * that loop runs, throws too. To reach a primitive from another thread, hop onto its loop with
 * {@code loop.callSoonThreadsafe(...)} or {@code Asyncio.runCoroutineThreadsafe(...)}.
 *
 * <p><b>{@code async with}.</b> Python's {@code async with lock:} is
 * {@code try (var held = lock.acquireScope()) { ... }} for {@link io.asyncio4j.sync.Lock},
 * {@link io.asyncio4j.sync.Condition} and {@link io.asyncio4j.sync.Semaphore}: the scope is
 * entered once the primitive is acquired and closing it releases the primitive.
 *
 * <p><b>Names.</b> {@code wait()}, {@code notify()} and {@code notifyAll()} are final methods of
 * {@link java.lang.Object}, so asyncio's {@code Event.wait()}, {@code Condition.wait()} and
 * {@code Barrier.wait()} are {@code await()} here (as in {@code CountDownLatch},
 * {@code java.util.concurrent.locks.Condition} and {@code CyclicBarrier}); {@code Condition.notify()}
 * is {@link io.asyncio4j.sync.Condition#notifyOne()} (or {@code notify(1)}) and
 * {@code notify_all()} is {@link io.asyncio4j.sync.Condition#notifyAllWaiters()}.
 */
package io.asyncio4j.sync;
