import asyncio
from contextlib import asynccontextmanager

log = []

@asynccontextmanager
async def connection(name):
    print(f"open {name}")
    await asyncio.sleep(0)
    try:
        yield name.upper()
    except KeyError as e:
        print("handled", repr(e))
    finally:
        await asyncio.sleep(0)
        print(f"close {name}")

@asynccontextmanager
async def timer(label):
    print("enter", label)
    yield label
    print("exit", label)

@timer("decorated")
async def work(x):
    await asyncio.sleep(0)
    return x * 2

async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i

async def producer(name, n):
    async for t in ticker(n, 0):
        log.append((name, t))
    return name

async def main():
    async with connection("db") as c:
        print("using", c)
    async with connection("cache") as c:
        raise KeyError("missing")
    print("after suppress")
    try:
        async with connection("net") as c:
            raise ValueError("boom")
    except ValueError as e:
        print("propagated", e)
    print(await work(21))
    results = await asyncio.gather(producer("a", 3), producer("b", 2))
    print(results, sorted(log))
    squares = [x * x async for x in ticker(4, 0)]
    print(squares)
    evens = {x async for x in ticker(6, 0) if x % 2 == 0}
    print(sorted(evens))
    d = {x: str(x) async for x in ticker(3, 0)}
    print(d)
    ait = aiter(ticker(2, 0))
    print(await anext(ait), await anext(ait))
    try:
        await anext(ait)
    except StopAsyncIteration:
        print("done")

asyncio.run(main())
