package io.asyncio4j.internal.loop;

/**
 * Where an event loop is in its life: {@code IDLE -> (RUNNING -> IDLE)* -> [CLOSING ->] CLOSED}.
 * {@code CLOSING} lasts while {@code close()} unwinds the strands of tasks still pending. A stop
 * request is not a state: asyncio lets {@code stop()} be called before {@code run_forever()},
 * which then runs one iteration.
 */
enum LoopState {
    /** Created, or stopped: may run again or close. */
    IDLE,
    /** {@code runForever}/{@code runUntilComplete} is running it on some thread. */
    RUNNING,
    /** {@code close()} is cancelling pending tasks and running their strands to the end. */
    CLOSING,
    /** Closed for good: scheduling fails with "Event loop is closed". */
    CLOSED
}
