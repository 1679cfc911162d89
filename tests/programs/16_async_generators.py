import asyncio
import types
import inspect

async def countdown(n):
    print("start", n)
    try:
        while n > 0:
            await asyncio.sleep(0)
            yield n
            n -= 1
    finally:
        print("countdown finally")

async def squares(n):
    for i in range(n):
        yield i * i

async def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            if x is None:
                break
            received.append(x)
    except ValueError as e:
        print("echo got", repr(e))
        yield "recovered"
    finally:
        print("echo finally", received)

async def main():
    async for v in countdown(3):
        print("got", v)
    else:
        print("loop else")
    print([x async for x in squares(5)])
    total = 0
    async for s in squares(4):
        total += s
    print("total", total)
    g = echo()
    print(type(g).__name__, type(g) is types.AsyncGeneratorType)
    print(inspect.isasyncgen(g), inspect.isasyncgenfunction(echo), inspect.iscoroutinefunction(echo))
    print(await g.asend(None))
    print(await g.asend("a"))
    print(await g.asend("b"))
    print(await g.athrow(ValueError("bad")))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    c = countdown(5)
    async for v in c:
        if v == 4:
            break
        print("c", v)
    await c.aclose()
    print("closed")
    ag = squares(2)
    print(ag.__aiter__() is ag)
    print(ag.__name__, ag.__qualname__, ag.ag_running)
    nx = ag.__anext__()
    print(type(nx).__name__)
    try:
        nx.send(None)
    except StopIteration as e:
        print("value", e.value)
    print(await anext(ag))

asyncio.run(main())
