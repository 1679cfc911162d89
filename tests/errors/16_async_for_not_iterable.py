async def total(items):
    s = 0
    async for x in items:
        s += x
    return s


coro = total([1, 2, 3])
coro.send(None)
