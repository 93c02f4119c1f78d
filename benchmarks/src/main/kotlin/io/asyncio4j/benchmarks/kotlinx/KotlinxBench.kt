package io.asyncio4j.benchmarks.kotlinx

import io.asyncio4j.benchmarks.peers.Out
import kotlin.time.Duration.Companion.microseconds
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The tasks and timers suites on kotlinx-coroutines, the JVM's most-used coroutine library, on
 * `runBlocking`'s event loop: one thread, sequential code, futures (`CompletableDeferred`) — the
 * closest peer to an asyncio loop. Case for case the same as `peers/python/tasks_bench.py`:
 *
 * - `pingpong`: two coroutines take turns through fresh `CompletableDeferred`s (wait for mine,
 *   replace it, complete the other's); ns per hand-off.
 * - `gather`: `async` N coroutines that each `yield()` once (asyncio's `sleep(0)`), `awaitAll`;
 *   ns per coroutine.
 * - `heap`: N coroutines parked on never-completed `CompletableDeferred`s; heap bytes after GC
 *   per parked coroutine (its deferred included, as in the other runners).
 * - `timers`: N coroutines started undispatched that each `delay` for `(i % 1000)` µs, until the
 *   last resumes; ns per timer. kotlinx has no public `call_later`, so each timer is a coroutine,
 *   and `delay` rounds up to whole milliseconds: the 0–1 ms spread becomes 0 or 1 ms.
 *
 * Usage: `--case pingpong|gather|heap|timers [--n 100000] [--warmup 1] [--warmup-seconds 0]`;
 * prints the JSON lines of [Out].
 */
object KotlinxBench {
    /** Runs one case and prints its figure. */
    @JvmStatic
    fun main(args: Array<String>) {
        val options = Out.options(args)
        val case = options.getOrDefault("case", "pingpong")
        val n = Out.intOption(options, "n", 100_000)
        when (case) {
            "pingpong" -> {
                Out.warmUp(options) { runBlocking { pingPong(n) } }
                Out.emit(case, "switch", runBlocking { pingPong(n) }.toDouble() / n, "ns/switch")
            }
            "gather" -> {
                Out.warmUp(options) { runBlocking { gather(n) } }
                Out.emit(case, "task", runBlocking { gather(n) }.toDouble() / n, "ns/task")
            }
            "heap" -> Out.emit(case, "parked task", runBlocking { parkedHeap(n) }, "B/task")
            "timers" -> {
                Out.warmUp(options) { runBlocking { timers(n) } }
                Out.emit(case, "timer", runBlocking { timers(n) }.toDouble() / n, "ns/timer")
            }
            else -> throw IllegalArgumentException("unknown case $case")
        }
    }

    /** Elapsed ns for `switches` hand-offs between two coroutines. */
    private suspend fun pingPong(switches: Int): Long = coroutineScope {
        val turn = arrayOf(CompletableDeferred<Unit>(), CompletableDeferred<Unit>())
        turn[0].complete(Unit) // player 0 moves first
        val half = switches / 2
        val start = System.nanoTime()
        val players = List(2) { me ->
            async {
                repeat(half) {
                    turn[me].await()
                    turn[me] = CompletableDeferred()
                    turn[1 - me].complete(Unit)
                }
            }
        }
        players.awaitAll()
        System.nanoTime() - start
    }

    /** Elapsed ns to create `n` coroutines that each yield once and await them all. */
    private suspend fun gather(n: Int): Long = coroutineScope {
        val start = System.nanoTime()
        val tasks = ArrayList<Deferred<Unit>>(n)
        repeat(n) { tasks.add(async { yield() }) }
        tasks.awaitAll()
        System.nanoTime() - start
    }

    /** Heap bytes per coroutine parked on a never-completed deferred. */
    private suspend fun parkedHeap(n: Int): Double = coroutineScope {
        val before = Out.usedHeapAfterGc()
        val tasks = ArrayList<Deferred<Unit>>(n)
        repeat(n) {
            val never = CompletableDeferred<Unit>()
            tasks.add(async { never.await() })
        }
        yield() // every coroutine runs up to its await and parks
        yield()
        val after = Out.usedHeapAfterGc()
        tasks.forEach { it.cancel() }
        tasks.forEach { it.join() }
        (after - before).toDouble() / n
    }

    /** Elapsed ns to schedule `n` delays spread over 0–1 ms and see the last one end. */
    private suspend fun timers(n: Int): Long {
        val start = System.nanoTime()
        coroutineScope {
            for (i in 0 until n) launch(start = CoroutineStart.UNDISPATCHED) { delay((i % 1000).microseconds) }
        }
        return System.nanoTime() - start
    }
}
