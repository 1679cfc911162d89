# An async generator that raises StopAsyncIteration itself (PEP 479's rule, as for
# generators), driven by a small hand-written loop instead of asyncio.
async def readings():
    yield 20.5
    yield 21.0
    raise StopAsyncIteration


async def average():
    values = []
    async for r in readings():
        values.append(r)
    return sum(values) / len(values)


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


print(run(average()))
