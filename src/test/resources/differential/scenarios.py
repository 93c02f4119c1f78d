"""Differential scenarios: the same stories told in CPython asyncio and in asyncio4j.

Each scenario prints an event trace; DifferentialTest runs this script and the Java twin of every
scenario (on asyncio4j's virtual-time loop) and compares the traces line by line. Keep the two in
step: same names, same events, same order. Both sides run on a virtual clock (time jumps to
the next timer when nothing is ready), so the traces are deterministic on a busy machine.
"""
import asyncio
import selectors
import sys


class _JumpingSelector(selectors.DefaultSelector):
    """Polls without waiting; when nothing is ready, jumps the loop's clock by the timeout."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        events = super().select(None if timeout is None else 0)
        if not events and timeout:
            self.loop.virtual_now += timeout
        return events


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """asyncio's selector loop on a virtual clock (the twin of asyncio4j's VirtualTimeLoop), so
    the traces never depend on how busy the machine is."""

    def __init__(self):
        selector = _JumpingSelector()
        super().__init__(selector)
        selector.loop = self
        self.virtual_now = 0.0

    def time(self):
        return self.virtual_now


class Boom(Exception):
    pass


def name(exc):
    return type(exc).__name__


async def cancel_at_await(log):
    async def child():
        try:
            await asyncio.sleep(1)
            log("child not cancelled")
        except asyncio.CancelledError as e:
            log(f"child cancelled msg={e.args[0] if e.args else None}")
            raise
    t = asyncio.create_task(child())
    await asyncio.sleep(0.01)
    log(f"cancel returned {t.cancel('stop')}")
    try:
        await t
    except asyncio.CancelledError as e:
        log(f"awaiter got CancelledError msg={e.args[0] if e.args else None}")
    log(f"cancelled={t.cancelled()} cancelling={t.cancelling()}")


async def cancel_swallowed(log):
    async def child():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log("child swallows")
        await asyncio.sleep(0.01)
        log("child goes on")
        return 42
    t = asyncio.create_task(child())
    await asyncio.sleep(0.01)
    t.cancel()
    log(f"result={await t} cancelled={t.cancelled()} cancelling={t.cancelling()}")


async def cancel_before_start(log):
    async def child():
        log("child body ran")
    t = asyncio.create_task(child())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log("awaiter got CancelledError")
    log(f"cancelled={t.cancelled()}")


async def sleep_zero_interleaving(log):
    async def worker(n):
        for i in range(3):
            log(f"w{n} step {i}")
            await asyncio.sleep(0)
    await asyncio.gather(worker(1), worker(2), worker(3))


async def gather_order_and_error(log):
    async def job(n, delay, fail=False):
        await asyncio.sleep(delay)
        log(f"job {n} done")
        if fail:
            raise Boom(f"job {n}")
        return n
    tasks = [asyncio.create_task(job(1, 0.03)), asyncio.create_task(job(2, 0.01, fail=True)),
             asyncio.create_task(job(3, 0.02))]
    try:
        await asyncio.gather(*tasks)
    except Boom as e:
        log(f"gather raised {name(e)} {e}")
    log(f"done states {[t.done() for t in tasks]}")
    await asyncio.sleep(0.05)
    log(f"later {[t.result() if not t.exception() else name(t.exception()) for t in tasks]}")


async def gather_return_exceptions(log):
    async def ok():
        await asyncio.sleep(0.01)
        return "ok"

    async def bad():
        raise Boom("bad")

    async def slow():
        await asyncio.sleep(1)
    t = asyncio.create_task(slow())
    asyncio.get_running_loop().call_later(0.02, t.cancel)
    res = await asyncio.gather(asyncio.create_task(ok()), asyncio.create_task(bad()), t, return_exceptions=True)
    log(f"results {[r if isinstance(r, str) else name(r) for r in res]}")


async def gather_cancel_outer(log):
    async def child(n):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log(f"child {n} cancelled")
            raise
    g = asyncio.gather(asyncio.create_task(child(1)), asyncio.create_task(child(2)))
    await asyncio.sleep(0.01)
    log(f"cancel returned {g.cancel()}")
    try:
        await g
    except asyncio.CancelledError:
        log("gather raised CancelledError")
    log(f"gather cancelled={g.cancelled()}")


async def wait_first_completed(log):
    async def job(n, delay):
        await asyncio.sleep(delay)
        return n
    tasks = [asyncio.create_task(job(n, d), name=f"job{n}") for n, d in ((1, 0.2), (2, 0.02), (3, 0.06))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    log(f"done {sorted(t.get_name() for t in done)} pending {sorted(t.get_name() for t in pending)}")
    done, pending = await asyncio.wait(tasks, timeout=0.08)
    log(f"after timeout done {sorted(t.get_name() for t in done)} pending {sorted(t.get_name() for t in pending)}")
    log(f"pending cancelled? {[t.cancelled() for t in pending]}")
    await asyncio.wait(tasks)


async def wait_first_exception(log):
    async def job(n, delay, fail=False):
        await asyncio.sleep(delay)
        if fail:
            raise Boom(n)
        return n
    tasks = [asyncio.create_task(job(1, 0.01)), asyncio.create_task(job(2, 0.02, True)),
             asyncio.create_task(job(3, 0.03))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    log(f"done {len(done)} pending {len(pending)}")
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)


async def as_completed_order(log):
    async def job(n, delay):
        await asyncio.sleep(delay)
        return n
    tasks = [asyncio.create_task(job(n, d)) for n, d in ((1, 0.03), (2, 0.01), (3, 0.02))]
    for f in asyncio.as_completed(tasks):
        log(f"got {await f}")


async def as_completed_timeout(log):
    async def job(n, delay):
        await asyncio.sleep(delay)
        return n
    tasks = [asyncio.create_task(job(n, d)) for n, d in ((1, 0.01), (2, 1), (3, 1))]
    try:
        for f in asyncio.as_completed(tasks, timeout=0.05):
            log(f"got {await f}")
    except TimeoutError:
        log("as_completed timed out")
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def wait_for_timeout(log):
    async def inner():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log("inner cancelled")
            raise
    t = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(t, 0.01)
    except TimeoutError:
        log("wait_for raised TimeoutError")
    log(f"inner cancelled={t.cancelled()}")


async def wait_for_swallowed(log):
    async def inner():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log("inner swallows the cancel")
        return "value"
    res = await asyncio.wait_for(asyncio.create_task(inner()), 0.01)
    log(f"wait_for returned {res}")


async def timeout_reschedule(log):
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.01) as cm:
            cm.reschedule(loop.time() + 0.05)
            await asyncio.sleep(0.03)
            log(f"survived the first deadline, expired={cm.expired()}")
            await asyncio.sleep(1)
    except TimeoutError:
        log(f"timed out, expired={cm.expired()}")


async def nested_timeouts(log):
    try:
        async with asyncio.timeout(0.01) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(2)
            except TimeoutError:
                log("inner raised TimeoutError (wrong)")
            finally:
                log(f"inner expired={inner.expired()}")
    except TimeoutError:
        log(f"outer raised TimeoutError, outer expired={outer.expired()}")
    log(f"task cancelling={asyncio.current_task().cancelling()}")


async def foreign_cancel_in_timeout(log):
    async def body():
        try:
            async with asyncio.timeout(1):
                await asyncio.sleep(2)
        except TimeoutError:
            log("TimeoutError (wrong)")
    t = asyncio.create_task(body())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log("foreign cancel passed through as CancelledError")


async def taskgroup_one_fails(log):
    cancelled = []

    async def sibling(n):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            cancelled.append(n)   # TaskGroup cancels in set order: compare sorted
            raise

    async def failing():
        await asyncio.sleep(0.01)
        raise Boom("child failed")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling(1))
            tg.create_task(failing())
            tg.create_task(sibling(2))
            await asyncio.sleep(1)
            log("body not cancelled (wrong)")
    except* Boom as eg:
        log(f"ExceptionGroup of {len(eg.exceptions)}: {[str(e) for e in eg.exceptions]}")
    log(f"siblings cancelled {sorted(cancelled)}")
    log(f"cancelling={asyncio.current_task().cancelling()}")


async def taskgroup_two_fail(log):
    async def failing(n, delay):
        try:
            await asyncio.sleep(delay)
        finally:
            pass
        raise Boom(f"child {n}")

    async def failing_on_cancel():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            raise Boom("failed while cancelled")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing(1, 0.01))
            tg.create_task(failing_on_cancel())
    except* Boom as eg:
        log(f"ExceptionGroup of {len(eg.exceptions)}: {sorted(str(e) for e in eg.exceptions)}")


async def shield_outer_cancel(log):
    async def inner():
        await asyncio.sleep(0.02)
        log("inner finished")
        return 7
    inner_task = asyncio.create_task(inner())
    outer = asyncio.shield(inner_task)
    await asyncio.sleep(0.01)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        log("outer cancelled")
    log(f"inner result {await inner_task}")


async def callbacks_order(log):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    # Distinct deadlines: asyncio leaves equal deadlines unordered (asyncio4j promises FIFO,
    # tested in CallLaterTest), so ties are no basis for a comparison.
    loop.call_later(0.025, log, "later 0.025")
    loop.call_soon(log, "soon 1")
    loop.call_later(0.01, log, "later 0.01")
    loop.call_later(0.02, log, "later 0.02")
    loop.call_soon(log, "soon 2")
    loop.call_later(0.03, done.set_result, None)
    await done


async def eager_tasks(log):
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)

    async def quick():
        log("quick runs eagerly")
        return 1

    async def slow():
        log("slow starts eagerly")
        await asyncio.sleep(0.01)
        log("slow resumes")
        return 2
    t1 = asyncio.create_task(quick())
    log(f"after create quick: done={t1.done()}")
    t2 = asyncio.create_task(slow())
    log(f"after create slow: done={t2.done()}")
    log(f"results {await t1} {await t2}")
    loop.set_task_factory(None)


async def streams_limits(log):
    r = asyncio.StreamReader(limit=8)
    r.feed_data(b"0123456789abc\nrest")
    try:
        await r.readline()
    except ValueError as e:
        log(f"readline: {name(e.__cause__ or e)}")
    log(f"after readline buffered {len(r._buffer)}")
    r2 = asyncio.StreamReader(limit=8)
    r2.feed_data(b"0123456789")
    try:
        await r2.readuntil(b"\n")
    except asyncio.LimitOverrunError as e:
        log(f"readuntil: LimitOverrunError consumed={e.consumed}")
    log(f"buffer kept {len(r2._buffer)}")
    r3 = asyncio.StreamReader()
    r3.feed_data(b"abc")
    r3.feed_eof()
    try:
        await r3.readexactly(5)
    except asyncio.IncompleteReadError as e:
        log(f"readexactly: IncompleteReadError partial={e.partial.decode()} expected={e.expected}")
    r4 = asyncio.StreamReader()
    r4.feed_data(b"a;b;;c")
    log(f"readuntil parts {(await r4.readuntil(b';')).decode()} {(await r4.readuntil(b';;')).decode()}")


SCENARIOS = [cancel_at_await, cancel_swallowed, cancel_before_start, sleep_zero_interleaving,
             gather_order_and_error, gather_return_exceptions, gather_cancel_outer, wait_first_completed,
             wait_first_exception, as_completed_order, as_completed_timeout, wait_for_timeout,
             wait_for_swallowed, timeout_reschedule, nested_timeouts, foreign_cancel_in_timeout,
             taskgroup_one_fails, taskgroup_two_fail, shield_outer_cancel, callbacks_order, eager_tasks,
             streams_limits]


def main():
    for scenario in SCENARIOS:
        print(f"## {scenario.__name__}")
        asyncio.run(scenario(lambda line: print(line)), loop_factory=VirtualTimeLoop)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
