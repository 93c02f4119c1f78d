/**
 * The Project Reactor bridge (artifact {@code asyncio4j-reactor}): asyncio4j futures, tasks,
 * coroutines, async generators, streams, queues and loops as Reactor {@code Mono}s,
 * {@code Flux}es and {@code Scheduler}s, and Reactor publishers awaited and iterated inside tasks.
 *
 * <p>Everything is reached through the static facade {@link io.asyncio4j.reactor.AsyncioReactor};
 * the operator classes behind it are package-private. Every publisher made here passes the
 * Reactive Streams TCK. Subscribers may request and cancel from any thread; signals are emitted
 * on the loop unless the pipeline adds {@code publishOn}.
 */
package io.asyncio4j.reactor;
