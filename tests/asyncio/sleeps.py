# Three tasks sleep one second each, concurrently: the event loop sleeps once, so the
# whole takes one second, not three (under a deterministic schedule: one virtual second).
import asyncio
import time


async def nap(i):
    await asyncio.sleep(1)
    return i


async def main():
    start = time.monotonic()
    print(await asyncio.gather(nap(1), nap(2), nap(3)))
    print(f"slept {time.monotonic() - start:.1f} s")


asyncio.run(main())
