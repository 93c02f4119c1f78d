/**
 * The asyncio4j side of every suite. Each runner prints the same JSON lines as its Python peer,
 * through {@link io.asyncio4j.benchmarks.peers.Out}; the harness launches it once per strand mode.
 * Runners whose API has landed in the core live here ({@code Asyncio4jTasksBench},
 * {@code Asyncio4jTimersBench}); the others ({@code Asyncio4jSyncBench},
 * {@code Asyncio4jEchoServer}, {@code Asyncio4jBridgeBench}) wait in
 * {@code benchmarks/src/pending/java}, compiled only by the {@code -Pasyncio4j} profile, and the
 * harness reports them as pending until their classes exist. Lines marked {@code ADAPT} there
 * guess a name the core or the bridge has not fixed yet.
 */
package io.asyncio4j.benchmarks.asyncio4j;
