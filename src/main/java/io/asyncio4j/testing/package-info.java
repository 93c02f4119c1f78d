/**
 * Clocks and loops for deterministic tests; asyncio has no public counterpart (its own test suite
 * uses {@code test_utils.TestLoop} for the same purpose).
 *
 * <p>{@link io.asyncio4j.testing.VirtualTimeLoop} is an event loop on a
 * {@link io.asyncio4j.testing.VirtualClock} that jumps to the next timer whenever the loop would
 * wait, so sleeps and timeouts take no wall-clock time.
 * {@link io.asyncio4j.testing.ExternalClock} and {@link io.asyncio4j.testing.ExternalClockAdapter}
 * let another virtual clock (such as Reactor's {@code VirtualTimeScheduler}) drive the loop's time.
 * The JUnit 5 extension built on them ships separately as {@code asyncio4j-test}.
 */
package io.asyncio4j.testing;
