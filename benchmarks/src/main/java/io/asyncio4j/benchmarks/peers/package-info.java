/**
 * JVM peers the harness runs side by side with asyncio4j: plain JDK virtual threads, a raw
 * {@code jdk.internal.vm.Continuation} floor, {@link java.util.concurrent.ScheduledThreadPoolExecutor}
 * timers and a Netty echo server. Each is a main class run in its own JVM that prints JSON lines
 * (see {@link io.asyncio4j.benchmarks.peers.Out}).
 */
package io.asyncio4j.benchmarks.peers;
