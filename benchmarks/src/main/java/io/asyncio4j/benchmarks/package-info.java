/** Side-by-side benchmarks of asyncio4j and its peers; entry point {@link io.asyncio4j.benchmarks.Harness}. */
package io.asyncio4j.benchmarks;
