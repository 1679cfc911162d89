import asyncio
import time


async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} done after {delay}")
    return name.upper()


async def failing():
    await asyncio.sleep(0)
    raise ValueError("bad worker")


class Resource:
    async def __aenter__(self):
        print("open")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("close", exc_type.__name__ if exc_type else None)
        return False


async def main():
    results = await asyncio.gather(worker("a", 0.03), worker("b", 0.02), worker("c", 0.01))
    print(results)
    t = asyncio.create_task(worker("d", 0.01), name="delta")
    print(t.get_name(), await t, t.done())

    lock = asyncio.Lock()
    counter = 0

    async def incr():
        nonlocal counter
        async with lock:
            v = counter
            await asyncio.sleep(0)
            counter = v + 1

    await asyncio.gather(*[incr() for _ in range(5)])
    print("counter with lock", counter, lock.locked())

    q = asyncio.Queue(maxsize=2)

    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)

    async def consumer():
        got = []
        while True:
            item = await q.get()
            q.task_done()
            if item is None:
                break
            got.append(item)
        return got

    prod = asyncio.create_task(producer())
    print("consumed", await consumer(), q.empty())
    await prod

    def blocking(x):
        time.sleep(0.01)
        return x * 2

    print("to_thread", await asyncio.gather(asyncio.to_thread(blocking, 1), asyncio.to_thread(blocking, 2)))

    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    except TimeoutError:
        print("timed out")

    try:
        await asyncio.gather(worker("e", 0), failing())
    except ValueError as e:
        print("gather raised", e)
    print(await asyncio.gather(failing(), return_exceptions=True))

    async with Resource() as r:
        print("using", type(r).__name__)
    try:
        async with Resource():
            raise KeyError("k")
    except KeyError as e:
        print("KeyError", e)

    ev = asyncio.Event()

    async def waiter():
        await ev.wait()
        return "woken"

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    ev.set()
    print(await w)
    print(asyncio.iscoroutine(worker("x", 0)) if False else "skip")
    return "main done"


print(asyncio.run(main()))
coro = worker("z", 0)
print(type(coro).__name__)
coro.close()
