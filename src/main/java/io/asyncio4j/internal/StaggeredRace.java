package io.asyncio4j.internal;

import io.asyncio4j.Asyncio;
import io.asyncio4j.CancelledError;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.ReturnWhen;
import io.asyncio4j.Task;
import io.asyncio4j.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs attempts with staggered start times and keeps the first to succeed: asyncio's
 * {@code staggered.staggered_race}, the engine of happy eyeballs (RFC 8305) in
 * {@code create_connection}.
 *
 * <p>The first attempt starts at once. Each next one starts when the one just before it fails or
 * {@code delay} seconds after it started, whichever comes first ({@code delay == null}: only when
 * it fails, i.e. one after the other). The first attempt to return wins and every other is
 * cancelled; the race returns once all the attempts it started are done, so a loser's clean-up
 * (closing its socket) has run by then.
 *
 * <p>Differences from asyncio: a loser that still succeeds (it finished in the same loop
 * iteration as the winner, or ignored its cancellation) hands its result to {@code surplus} to be
 * disposed of; asyncio 3.13.0 trips an assertion there. When the calling task is cancelled, the
 * attempts are cancelled too and any result that still arrives goes to {@code surplus}.
 */
public final class StaggeredRace {
    private StaggeredRace() {
    }

    /**
     * What a race ended with.
     *
     * @param winnerResult the winner's result, or {@code null} when nothing won
     * @param winnerIndex the winner's index in the attempts, or -1 when nothing won
     * @param exceptions one entry per attempt started, in order: its exception (a
     *        {@link CancelledError} for a loser cancelled by the winner), {@code null} for the winner
     * @param <T> the result type
     */
    public record Outcome<T>(T winnerResult, int winnerIndex, List<Throwable> exceptions) {
    }

    /**
     * Runs the race from inside a task of {@code loop}; suspends it until the race is decided and
     * every started attempt is done.
     *
     * @param loop the running loop
     * @param attempts the attempts, each run as its own task
     * @param delay seconds between starts, or {@code null} to start the next only on failure
     * @param surplus disposes of results that arrive when they can no longer win
     * @param <T> the result type
     * @return the outcome
     * @throws CancelledError if the calling task is cancelled (the attempts are cancelled too)
     */
    public static <T> Outcome<T> race(EventLoop loop, List<? extends Coroutine<T>> attempts, Double delay,
                                      Consumer<? super T> surplus) {
        if (delay != null && !(delay >= 0)) {
            throw new IllegalArgumentException("delay must be a non-negative number of seconds, got " + delay);
        }
        return new Run<T>(loop, attempts.size(), surplus).go(attempts, delay);
    }

    /** The state of one race, touched only on the loop's thread. */
    private static final class Run<T> {
        private final EventLoop loop;
        private final Consumer<? super T> surplus;
        private final List<Task<T>> running = new ArrayList<>();
        private final Throwable[] exceptions;
        private final Future<Void> decided;
        private int winnerIndex = -1;
        private boolean abandoned;
        private T winnerResult;

        Run(EventLoop loop, int size, Consumer<? super T> surplus) {
            this.loop = loop;
            this.surplus = surplus;
            this.exceptions = new Throwable[size];
            this.decided = loop.createFuture();
        }

        Outcome<T> go(List<? extends Coroutine<T>> attempts, Double delay) {
            boolean finished = false;
            try {
                for (int i = 0; i < attempts.size() && winnerIndex < 0; i++) {
                    Future<Void> failed = loop.createFuture();
                    start(i, attempts.get(i), failed);
                    if (i + 1 < attempts.size()) {
                        Asyncio.wait(List.of(failed, decided), delay == null ? Timeout.NEVER : delay, ReturnWhen.FIRST_COMPLETED);
                    }
                }
                while (!allDone()) {
                    Asyncio.wait(running);
                }
                finished = true;
                List<Throwable> started = Arrays.asList(Arrays.copyOf(exceptions, running.size()));
                return new Outcome<>(winnerResult, winnerIndex, started);
            } finally {
                if (!finished) {
                    abandon();
                }
            }
        }

        private void start(int index, Coroutine<T> attempt, Future<Void> failed) {
            Task<T> task = loop.createTask(attempt);
            running.add(task);
            task.addDoneCallback(t -> settle(index, task, failed));
        }

        private void settle(int index, Task<T> task, Future<Void> failed) {
            if (task.cancelled()) {
                exceptions[index] = cancellation(task);
            } else if (task.exception() != null) {
                exceptions[index] = task.exception();
            } else if (abandoned) {
                surplus.accept(task.result());
                return;
            } else if (winnerIndex < 0) {
                winnerIndex = index;
                winnerResult = task.result();
                for (Task<T> other : running) {
                    if (other != task) {
                        other.cancel();
                    }
                }
                decided.setResult(null);
                return;
            } else {
                surplus.accept(task.result());
                exceptions[index] = new CancelledError("lost the race to attempt " + winnerIndex);
                return;
            }
            failed.setResult(null);
        }

        private static CancelledError cancellation(Future<?> task) {
            try {
                task.result();
                return new CancelledError();
            } catch (CancelledError e) {
                return e;
            }
        }

        private boolean allDone() {
            for (Task<T> t : running) {
                if (!t.done()) {
                    return false;
                }
            }
            return true;
        }

        /** The caller was cancelled or failed: stop every attempt; results still to come are disposed of. */
        private void abandon() {
            abandoned = true;
            if (winnerIndex >= 0) {
                surplus.accept(winnerResult);
                winnerResult = null;
            }
            for (Task<T> t : running) {
                t.cancel();
            }
        }
    }
}
