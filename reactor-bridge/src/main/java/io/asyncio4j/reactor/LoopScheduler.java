package io.asyncio4j.reactor;

import io.asyncio4j.EventLoop;
import io.asyncio4j.Handle;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * An event loop seen as a Reactor {@link Scheduler}: immediate tasks go through
 * {@code callSoon}/{@code callSoonThreadsafe}, delayed and periodic ones through the loop's
 * timers ({@code callAtNanos}), so they follow the loop's clock, virtual time included.
 * Every task runs on the loop's thread, in order; a task's exception goes to the loop's
 * exception handler. Disposing the scheduler (or a worker) drops its pending tasks and rejects
 * new ones; it does not close the loop.
 */
final class LoopScheduler implements Scheduler {
    private final EventLoop loop;
    private volatile boolean disposed;

    LoopScheduler(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Disposable schedule(Runnable task) {
        return submit(task, 0, 0, this);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return submit(task, unit.toNanos(delay), 0, this);
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        if (period < 0) {
            throw new IllegalArgumentException("period must not be negative: " + period);
        }
        return submit(task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period)), this);
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(loop.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Worker createWorker() {
        return new LoopWorker();
    }

    @Override
    public void dispose() {
        disposed = true;
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    @Override
    public String toString() {
        return "asyncio4j(" + loop + ")";
    }

    private Disposable submit(Runnable task, long delayNanos, long periodNanos, Disposable owner) {
        if (owner.isDisposed() || disposed) {
            throw Exceptions.failWithRejected();
        }
        if (loop.isClosed()) {
            throw Exceptions.failWithRejected("the event loop is closed");
        }
        LoopTask t = new LoopTask(task, periodNanos, owner);
        if (!Loops.run(loop, () -> t.arm(delayNanos))) {
            throw Exceptions.failWithRejected("the event loop is closed");
        }
        return t;
    }

    /** A worker: tasks of one worker run in submission order (they all run on the loop). */
    private final class LoopWorker implements Worker {
        private volatile boolean workerDisposed;

        @Override
        public Disposable schedule(Runnable task) {
            return submit(task, 0, 0, this);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return submit(task, unit.toNanos(delay), 0, this);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            if (period < 0) {
                throw new IllegalArgumentException("period must not be negative: " + period);
            }
            return submit(task, unit.toNanos(initialDelay), Math.max(1, unit.toNanos(period)), this);
        }

        @Override
        public void dispose() {
            workerDisposed = true;
        }

        @Override
        public boolean isDisposed() {
            return workerDisposed || disposed;
        }
    }

    /** One scheduled task; its handle is only touched on the loop. */
    private final class LoopTask implements Runnable, Disposable {
        private final Runnable task;
        private final long periodNanos;
        private final Disposable owner;
        private volatile boolean cancelled;
        private Handle handle;
        private long nextDeadline;

        LoopTask(Runnable task, long periodNanos, Disposable owner) {
            this.task = task;
            this.periodNanos = periodNanos;
            this.owner = owner;
        }

        void arm(long delayNanos) {
            if (cancelled) {
                return;
            }
            if (delayNanos <= 0 && periodNanos == 0) {
                handle = loop.callSoon(this);
            } else {
                nextDeadline = loop.nanoTime() + Math.max(0, delayNanos);
                handle = loop.callAtNanos(nextDeadline, this, null);
            }
        }

        @Override
        public void run() {
            if (cancelled || owner.isDisposed()) {
                return;
            }
            if (periodNanos > 0) {
                // Fixed rate, like ScheduledExecutorService: the next run is due one period after
                // this one was due, not after it finished.
                nextDeadline += periodNanos;
                handle = loop.callAtNanos(nextDeadline, this, null);
            }
            task.run();
        }

        @Override
        public void dispose() {
            if (!cancelled) {
                cancelled = true;
                Loops.run(loop, () -> {
                    Handle h = handle;
                    if (h != null) {
                        h.cancel();
                    }
                });
            }
        }

        @Override
        public boolean isDisposed() {
            return cancelled;
        }
    }
}
