# Health checks with asyncio.gather(return_exceptions=True): the failures are raised as one
# ExceptionGroup and handled by type with except*, one clause awaiting inside.
import asyncio

async def probe(host, delay):
    await asyncio.sleep(delay)
    if host.startswith("down"):
        raise ConnectionRefusedError(f"{host}: connection refused")
    if host.startswith("slow"):
        raise TimeoutError(f"{host}: no answer")
    return f"{host}: ok"

async def check(hosts):
    results = await asyncio.gather(*(probe(h, i * 0.001) for i, h in enumerate(hosts)), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    for r in results:
        if not isinstance(r, BaseException):
            print(r)
    if errors:
        raise ExceptionGroup("health check failed", errors)

async def main():
    try:
        await check(["web1", "down1", "web2", "slow1", "down2"])
    except* ConnectionRefusedError as eg:
        print("refused:", sorted(str(e) for e in eg.exceptions))
        await asyncio.sleep(0)
        print("after await in handler")
    except* TimeoutError as eg:
        print("timeouts:", [str(e) for e in eg.exceptions])
    print("done")

asyncio.run(main())
