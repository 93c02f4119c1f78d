/**
 * JMH micro-benchmarks ({@code benchmarks/run jmh [JMH options]}). The peers' floor costs live
 * here today; asyncio4j's own micro costs (future completion, callSoon, a task switch) join them
 * once the core exists — see {@code benchmarks/README.md}.
 */
package io.asyncio4j.benchmarks.jmh;
