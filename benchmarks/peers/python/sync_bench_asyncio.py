"""CPython asyncio side of benchmarks/.../jmh/SyncBenchmark.java: the same four scenarios.

Each run executes N operations inside one asyncio.run(); the script repeats every scenario
(after warm-up runs) and prints the median time per operation in nanoseconds, one line per
scenario, e.g. "lockUncontended 123.4 ns/op". Usage: python3 sync_bench_asyncio.py [repeats]
"""

import asyncio
import statistics
import sys
import time

N = 20_000


async def lock_uncontended():
    lock = asyncio.Lock()
    held = 0
    for _ in range(N):
        await lock.acquire()
        held += 1
        lock.release()
    return held


async def lock_contended():
    lock = asyncio.Lock()
    held = 0

    async def contend():
        nonlocal held
        for _ in range(N // 2):
            await lock.acquire()
            try:
                held += 1
                await asyncio.sleep(0)
            finally:
                lock.release()

    a = asyncio.create_task(contend())
    b = asyncio.create_task(contend())
    await a
    await b
    return held


def producer_consumer(maxsize):
    async def main():
        q = asyncio.Queue(maxsize)

        async def consumer():
            total = 0
            for _ in range(N):
                total += await q.get()
            return total

        c = asyncio.create_task(consumer())
        for i in range(N):
            await q.put(i)
        return await c

    return main


SCENARIOS = [
    ("lockUncontended", lock_uncontended),
    ("lockContended", lock_contended),
    ("queueProducerConsumer", producer_consumer(100)),
    ("queuePingPong", producer_consumer(1)),
]


def measure(coro_fn, repeats, warmups=2):
    for _ in range(warmups):
        asyncio.run(coro_fn())
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        asyncio.run(coro_fn())
        samples.append((time.perf_counter_ns() - t0) / N)
    return statistics.median(samples)


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    print(f"# CPython {sys.version.split()[0]} asyncio, N={N}, median of {repeats}")
    for name, fn in SCENARIOS:
        print(f"{name} {measure(fn, repeats):.1f} ns/op", flush=True)


if __name__ == "__main__":
    main()
