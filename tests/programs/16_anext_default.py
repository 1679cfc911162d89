import asyncio

async def tasks():
    for name in ["wash", "dry"]:
        await asyncio.sleep(0)
        yield name

class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n

async def main():
    it = tasks()
    print(await anext(it, "none left"))
    print(await anext(it, "none left"))
    print(await anext(it, "none left"))
    print(await anext(it, None))
    c = Countdown(2)
    print([await anext(c, -1) for _ in range(4)])
    async for v in Countdown(3):
        print("tick", v)
    print(sorted([v async for v in Countdown(4)]))

asyncio.run(main())
