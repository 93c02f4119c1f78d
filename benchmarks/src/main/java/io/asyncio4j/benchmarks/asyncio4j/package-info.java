/**
 * The asyncio4j side of every suite: {@code Asyncio4jTasksBench}, {@code Asyncio4jTimersBench},
 * {@code Asyncio4jSyncBench}, {@code Asyncio4jBridgeBench} and {@code Asyncio4jEchoServer}
 * (Protocol, Streams and Reactor {@code Flux} modes). Each prints the same JSON lines as its
 * Python peer, through {@link io.asyncio4j.benchmarks.peers.Out}; the harness launches the case
 * runners once per strand mode and checks that the process runs the mode its label claims.
 */
package io.asyncio4j.benchmarks.asyncio4j;
