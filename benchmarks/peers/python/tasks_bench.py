"""tasks and timers suites for CPython asyncio and uvloop.

Cases (each prints JSON lines, see _common.py):
  pingpong  two tasks hand a future back and forth; ns per switch
  gather    create N tasks that each await asyncio.sleep(0), gather them; ns per task
  heap      N tasks parked on futures that never complete; bytes of RSS per parked task
  timers    N loop.call_later callbacks with delays spread over 0-1 ms, until the last fires;
            ns per timer
"""
import asyncio
import gc
import time

from _common import base_parser, emit, run, warm_up


async def ping_pong(switches):
    """Two tasks take turns through fresh futures; returns elapsed ns for `switches` hand-offs.

    Each player waits for its turn, replaces its own future, then completes the other's, so a
    future is only ever completed once and each hand-off is exactly one task switch.
    """
    loop = asyncio.get_running_loop()
    turn = {"ping": loop.create_future(), "pong": loop.create_future()}
    turn["ping"].set_result(None)  # ping moves first

    async def player(me, other, rounds):
        for _ in range(rounds):
            await turn[me]
            turn[me] = loop.create_future()
            turn[other].set_result(None)

    half = switches // 2
    start = time.perf_counter_ns()
    await asyncio.gather(loop.create_task(player("ping", "pong", half)),
                         loop.create_task(player("pong", "ping", half)))
    return time.perf_counter_ns() - start


async def gather_tasks(n):
    """Creates n tasks that each yield once and gathers them; returns elapsed ns."""
    async def one():
        await asyncio.sleep(0)

    start = time.perf_counter_ns()
    await asyncio.gather(*[asyncio.ensure_future(one()) for _ in range(n)])
    return time.perf_counter_ns() - start


def rss_bytes():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    import resource
    return pages * resource.getpagesize()


async def parked_heap(n):
    """Parks n tasks on never-completed futures; returns RSS bytes added per parked task."""
    loop = asyncio.get_running_loop()
    gc.collect()
    before = rss_bytes()
    never = [loop.create_future() for _ in range(n)]

    async def park(fut):
        await fut

    tasks = [loop.create_task(park(f)) for f in never]
    await asyncio.sleep(0)  # every task runs up to its await and parks
    await asyncio.sleep(0)
    gc.collect()
    after = rss_bytes()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (after - before) / n


async def timers(n):
    """Schedules n call_later callbacks (delays 0-1 ms, interleaved) and waits for the last."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    left = [n]

    def fire():
        left[0] -= 1
        if left[0] == 0:
            done.set_result(None)

    start = time.perf_counter_ns()
    for i in range(n):
        loop.call_later((i % 1000) * 1e-6, fire)
    await done
    return time.perf_counter_ns() - start


def main():
    parser = base_parser(__doc__)
    parser.add_argument("--case", required=True, choices=["pingpong", "gather", "heap", "timers"])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args()
    n = args.n
    if args.case == "pingpong":
        warm_up(lambda: run(lambda: ping_pong(max(n // 10, 2)), args.uvloop), args.warmup, args.warmup_seconds)
        ns = run(lambda: ping_pong(n), args.uvloop)
        emit("pingpong", "switch", ns / n, "ns/switch")
    elif args.case == "gather":
        warm_up(lambda: run(lambda: gather_tasks(max(n // 10, 1)), args.uvloop), args.warmup, args.warmup_seconds)
        ns = run(lambda: gather_tasks(n), args.uvloop)
        emit("gather", "task", ns / n, "ns/task")
    elif args.case == "heap":
        emit("heap", "parked task", run(lambda: parked_heap(n), args.uvloop), "B/task")
    else:
        warm_up(lambda: run(lambda: timers(max(n // 10, 1)), args.uvloop), args.warmup, args.warmup_seconds)
        ns = run(lambda: timers(n), args.uvloop)
        emit("timers", "timer", ns / n, "ns/timer")


if __name__ == "__main__":
    main()
