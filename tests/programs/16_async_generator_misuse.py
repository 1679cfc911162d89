import asyncio

async def numbers():
    yield 1
    raise StopAsyncIteration

async def gen():
    yield 1

async def main():
    g = gen()
    print(repr(g).split(" at ")[0], repr(g.__anext__()).split(" at ")[0], repr(g.aclose()).split(" at ")[0])
    aw = g.asend(None)
    print(await aw)
    try:
        await aw
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async for x in [1, 2]:
            pass
    except TypeError as e:
        print("TypeError:", e)
    try:
        await g.asend(5)
    except StopAsyncIteration:
        print("stop")
    try:
        await anext(5)
    except TypeError as e:
        print("TypeError:", e)
    g2 = gen()
    try:
        await g2.asend(3)
    except TypeError as e:
        print("TypeError:", e)
    try:
        await g2.athrow(ValueError)
    except ValueError as e:
        print("athrow before the start raises it:", type(e).__name__)
    print(await g2.aclose(), await g2.aclose())
    g3 = gen()
    print(await g3.__anext__())
    try:
        await g3.athrow(KeyError("k"))
    except KeyError as e:
        print("KeyError:", e)
    try:
        await g3.__anext__()
    except StopAsyncIteration:
        print("after athrow: exhausted")
    try:
        await gen().athrow(ValueError("v"))
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
