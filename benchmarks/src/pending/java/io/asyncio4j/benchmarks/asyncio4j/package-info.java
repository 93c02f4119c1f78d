/**
 * The asyncio4j side of every suite. These runners are written against DESIGN.md §4's API and
 * compiled only by the {@code -Pasyncio4j} Maven profile ({@code benchmarks/run} turns it on once
 * the core has {@code io.asyncio4j.Asyncio}); until then the harness reports them as pending.
 * Each runner prints the same JSON lines as its Python peer, through
 * {@link io.asyncio4j.benchmarks.peers.Out}. Lines marked {@code ADAPT} guess a name the core or
 * the bridge has not fixed yet.
 */
package io.asyncio4j.benchmarks.asyncio4j;
