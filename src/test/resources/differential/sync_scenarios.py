"""Differential scenarios for asyncio's locks and queues, told in CPython asyncio and in asyncio4j.

SyncDifferentialTest runs this script and the Java twin of every scenario (io.asyncio4j.sync,
on the virtual-time loop) and compares the event traces line by line. Only sleep(0) is used, so
the order of events is fully decided by the scheduling and the primitives' algorithms.
"""
import asyncio


def name(exc):
    return type(exc).__name__


async def lock_fifo_with_cancellations(log):
    lock = asyncio.Lock()

    async def worker(i):
        try:
            async with lock:
                log(f"w{i} holds")
                await asyncio.sleep(0)
                log(f"w{i} releases")
        except asyncio.CancelledError:
            log(f"w{i} cancelled")
            raise

    await lock.acquire()
    tasks = [asyncio.create_task(worker(i)) for i in range(5)]
    await asyncio.sleep(0)
    tasks[1].cancel()
    lock.release()
    tasks[0].cancel()  # woken by release() and cancelled before it runs: passes the lock on
    await asyncio.gather(*tasks, return_exceptions=True)
    log(f"locked={lock.locked()}")


async def semaphore_fifo(log):
    sem = asyncio.Semaphore(2)

    async def worker(i):
        try:
            async with sem:
                log(f"w{i} in")
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                log(f"w{i} out")
        except asyncio.CancelledError:
            log(f"w{i} cancelled")
            raise

    tasks = [asyncio.create_task(worker(i)) for i in range(6)]
    await asyncio.sleep(0)
    tasks[3].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    log(f"locked={sem.locked()}")


async def condition_notify_order(log):
    cond = asyncio.Condition()

    async def waiter(i):
        async with cond:
            log(f"w{i} waits")
            await cond.wait()
            log(f"w{i} woke")

    tasks = [asyncio.create_task(waiter(i)) for i in range(5)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        log("notified 2")
    await asyncio.sleep(0)
    tasks[2].cancel()
    async with cond:
        cond.notify()
        log("notified 1")
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        log("notified all")
    results = await asyncio.gather(*tasks, return_exceptions=True)
    log(f"results={[name(r) if isinstance(r, BaseException) else r for r in results]}")


async def event_wake_order(log):
    ev = asyncio.Event()

    async def waiter(i):
        await ev.wait()
        log(f"w{i} saw the event")

    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    late = asyncio.create_task(waiter(3))
    ev.set()
    ev.clear()
    log(f"is_set={ev.is_set()}")
    await asyncio.sleep(0)
    log(f"late done={late.done()}")
    ev.set()
    await asyncio.gather(*tasks, late)


async def queue_producers_consumers(log):
    q = asyncio.Queue(2)

    async def producer(p):
        for i in range(3):
            await q.put(f"p{p}-{i}")
            log(f"p{p} put {i}")

    async def consumer(c):
        while True:
            item = await q.get()
            log(f"c{c} got {item}")
            q.task_done()
            await asyncio.sleep(0)

    producers = [asyncio.create_task(producer(p)) for p in range(3)]
    consumers = [asyncio.create_task(consumer(c)) for c in range(2)]
    await asyncio.gather(*producers)
    await q.join()
    log("joined")
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)


async def queue_shutdown(log):
    q = asyncio.Queue(1)

    async def getter(i):
        try:
            log(f"g{i} got {await q.get()}")
        except asyncio.QueueShutDown as e:
            log(f"g{i} {name(e)}")

    async def putter(i):
        try:
            await q.put(i)
            log(f"p{i} put")
        except asyncio.QueueShutDown as e:
            log(f"p{i} {name(e)}")

    getters = [asyncio.create_task(getter(i)) for i in range(2)]
    await asyncio.sleep(0)
    putters = [asyncio.create_task(putter(i)) for i in range(4)]
    await asyncio.sleep(0)
    log(f"qsize={q.qsize()}")
    q.shutdown()
    await asyncio.gather(*getters, *putters)
    log(f"qsize={q.qsize()}")
    for _ in range(2):
        try:
            log(f"get_nowait {q.get_nowait()}")
        except asyncio.QueueShutDown as e:
            log(f"get_nowait {name(e)}")
    q2 = asyncio.Queue()
    for i in range(3):
        q2.put_nowait(i)
    joiner = asyncio.create_task(q2.join())
    q2.get_nowait()
    q2.shutdown(immediate=True)
    await asyncio.sleep(0)
    log(f"join done={joiner.done()} qsize={q2.qsize()}")
    q2.task_done()
    await asyncio.sleep(0)
    log(f"join done={joiner.done()}")


async def lifo_and_priority_with_waiting_getters(log):
    for q in (asyncio.LifoQueue(), asyncio.PriorityQueue()):
        async def getter(i):
            log(f"{type(q).__name__} g{i} got {await q.get()}")
        tasks = [asyncio.create_task(getter(i)) for i in range(2)]
        await asyncio.sleep(0)
        for item in (5, 1, 3, 2):
            q.put_nowait(item)
        await asyncio.gather(*tasks)
        log(f"{type(q).__name__} then {q.get_nowait()} {q.get_nowait()}")


async def barrier_rounds_reset_abort(log):
    b = asyncio.Barrier(3)

    async def party(i):
        try:
            for r in range(2):
                idx = await b.wait()
                log(f"t{i} round {r} index {idx}")
        except asyncio.BrokenBarrierError as e:
            log(f"t{i} {name(e)}")

    tasks = [asyncio.create_task(party(i)) for i in range(3)]
    await asyncio.gather(*tasks)
    log(f"n_waiting={b.n_waiting} broken={b.broken}")

    waiting = [asyncio.create_task(party(i)) for i in range(2)]
    await asyncio.sleep(0)
    log(f"n_waiting={b.n_waiting}")
    await b.reset()
    await asyncio.gather(*waiting)
    waiting = [asyncio.create_task(party(i)) for i in range(2)]
    await asyncio.sleep(0)
    await b.abort()
    await asyncio.gather(*waiting)
    log(f"broken={b.broken}")


SCENARIOS = [
    lock_fifo_with_cancellations,
    semaphore_fifo,
    condition_notify_order,
    event_wake_order,
    queue_producers_consumers,
    queue_shutdown,
    lifo_and_priority_with_waiting_getters,
    barrier_rounds_reset_abort,
]


def main():
    for scenario in SCENARIOS:
        trace = []
        asyncio.run(scenario(trace.append))
        print(f"## {scenario.__name__}")
        for line in trace:
            print(line)


if __name__ == "__main__":
    main()
