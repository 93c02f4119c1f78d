"""sync suite for CPython asyncio (and uvloop): Lock and Queue throughput.

Cases (JSON lines, see _common.py):
  lock-uncontended  one task: async with lock, N times; ns per acquire+release
  lock-contended    4 tasks: async with lock: await asyncio.sleep(0), N acquisitions in total;
                    ns per acquire+release (every release hands the lock to a waiter)
  queue             producer puts N items into Queue(maxsize=64), consumer gets them; ns per item
"""
import asyncio
import time

from _common import base_parser, emit, run, warm_up


async def lock_uncontended(n):
    lock = asyncio.Lock()
    start = time.perf_counter_ns()
    for _ in range(n):
        async with lock:
            pass
    return time.perf_counter_ns() - start


async def lock_contended(n, workers=4):
    lock = asyncio.Lock()

    async def worker(rounds):
        for _ in range(rounds):
            async with lock:
                await asyncio.sleep(0)

    start = time.perf_counter_ns()
    await asyncio.gather(*[worker(n // workers) for _ in range(workers)])
    return time.perf_counter_ns() - start


async def queue_transfer(n, maxsize=64):
    queue = asyncio.Queue(maxsize)

    async def producer():
        for i in range(n):
            await queue.put(i)

    async def consumer():
        for _ in range(n):
            await queue.get()

    start = time.perf_counter_ns()
    await asyncio.gather(producer(), consumer())
    return time.perf_counter_ns() - start


CASES = {
    "lock-uncontended": (lock_uncontended, "acquire", "ns/acquire"),
    "lock-contended": (lock_contended, "acquire", "ns/acquire"),
    "queue": (queue_transfer, "item", "ns/item"),
}


def main():
    parser = base_parser(__doc__)
    parser.add_argument("--case", choices=sorted(CASES), action="append",
                        help="case to run (repeatable; default all)")
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    for case in args.case or sorted(CASES):
        fn, metric, unit = CASES[case]
        warm_up(lambda: run(lambda: fn(max(args.n // 10, 4)), args.uvloop), args.warmup, args.warmup_seconds)
        ns = run(lambda: fn(args.n), args.uvloop)
        emit(case, metric, ns / args.n, unit)


if __name__ == "__main__":
    main()
