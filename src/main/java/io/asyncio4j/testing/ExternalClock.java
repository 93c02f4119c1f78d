package io.asyncio4j.testing;

import io.asyncio4j.EventLoop;

/**
 * The time source of an event loop whose virtual time is moved by something outside it: a test
 * framework's virtual-time scheduler (Reactor's {@code VirtualTimeScheduler}, which the
 * {@code asyncio4j-reactor} bridge plugs in this way), a discrete-event simulation, a test that
 * steps time by hand. Make the loop with {@link VirtualTimeLoop#create(ExternalClock)}.
 *
 * <p>The contract, in three parts:
 * <ol>
 *   <li>The loop reads {@link #nanoTime()} whenever it needs the time and never moves it: unlike
 *       a {@link VirtualClock}, it does not jump to its next timer when idle. With nothing
 *       ready it waits, in real time, for {@link EventLoop#callSoonThreadsafe} or I/O.</li>
 *   <li>Each time a timer is scheduled ({@code callLater}, {@code callAt}, and so every
 *       {@code sleep}, {@code waitFor}, {@code timeout}), the loop calls
 *       {@link #timerScheduled} before the scheduling call returns. Once the clock's time
 *       reaches that deadline, the clock wakes the loop with
 *       {@code loop.callSoonThreadsafe(...)} (any callback, even an empty one); the loop then
 *       runs every timer that is due. Because the call is synchronous, the clock learns of a
 *       timer before anything that happened after the timer was made can be observed, so a
 *       driver that waited for such a sign (a result, an emitted value, a round trip through
 *       {@code runCoroutineThreadsafe}) never moves time past a deadline it did not know.</li>
 *   <li>Each time the loop has run everything that was ready and is about to wait, it calls
 *       {@link #loopIdle}. A driver that moved time to a deadline and woke the loop can wait for
 *       this before it moves time further, so that what the due timers caused (the next
 *       {@code sleep} of a loop "sleep an hour, then work") is scheduled first and chains of
 *       timers stay exact when time moves a long way in one step.</li>
 * </ol>
 *
 * {@snippet :
 * // A simulation clock: when the loop is idle, time jumps to the earliest deadline.
 * final class SimulationClock implements ExternalClock {
 *     private final PriorityQueue<Long> deadlines = new PriorityQueue<>();
 *     private long now;
 *
 *     public long nanoTime() { return now; }
 *
 *     public void timerScheduled(EventLoop loop, long deadlineNanos) { deadlines.add(deadlineNanos); }
 *
 *     public void loopIdle(EventLoop loop) {
 *         Long next = deadlines.poll();
 *         if (next != null) {
 *             now = Math.max(now, next);
 *             loop.callSoonThreadsafe(() -> { });
 *         }
 *     }
 * }
 * }
 *
 * <p>Threading: {@code timerScheduled} and {@code loopIdle} run on the loop's thread (or,
 * before the loop runs, on the thread that schedules the timer) and must not block it;
 * {@code nanoTime} may be called from any thread.
 *
 * <p><b>Differences from asyncio.</b> asyncio has no pluggable clock (tests patch
 * {@code loop.time}); this is Trio's {@code trio.abc.Clock} turned inside out: Trio asks its clock
 * how long to sleep until a deadline ({@code deadline_to_sleep_time}), here the loop tells the
 * clock each deadline as it is made and waits to be woken, because the time is moved on another
 * thread. {@code loopIdle} is the condition of {@code trio.testing.wait_all_tasks_blocked}.
 */
public interface ExternalClock {

    /** {@return the current time in nanoseconds, from an arbitrary origin; never decreasing} Any thread. */
    long nanoTime();

    /**
     * A timer was scheduled on {@code loop}, due at {@code deadlineNanos} on this clock: wake the
     * loop with {@link EventLoop#callSoonThreadsafe} once the time reaches it. A deadline that is
     * not after {@link #nanoTime()} is already due and needs no wake-up. A timer may be
     * cancelled later; a wake-up for it is harmless.
     *
     * @param loop          the loop that made the timer
     * @param deadlineNanos when the timer is due
     */
    void timerScheduled(EventLoop loop, long deadlineNanos);

    /**
     * {@code loop} has run everything that was ready, has no work running in an executor, and is
     * about to wait for a wake-up or I/O. Called each time the loop becomes idle (possibly again
     * without anything happening in between). A clock that moves time itself may wake the loop
     * from here ({@code loop.callSoonThreadsafe}); the loop then does not wait. The default does
     * nothing.
     *
     * @param loop the idle loop
     */
    default void loopIdle(EventLoop loop) {
    }
}
