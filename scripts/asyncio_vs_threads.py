"""Waiting versus computing: the same jobs run sequentially, in threads and as asyncio tasks.

I/O-bound jobs (each waits `--wait` seconds, like a network call): threads and asyncio both
overlap the waits, so N jobs take about one wait instead of N. CPU-bound jobs (each counts
down from `--count`): asyncio runs them one after another on one thread (a coroutine only lets
others run at an `await`), and threads take turns on the GIL, so neither beats sequential;
without the GIL (`-X gil=0`) the threads run on several cores at once.

    gilvm scripts/asyncio_vs_threads.py [--jobs N] [--wait SECONDS] [--count N]
"""

import argparse
import asyncio
import sys
import threading
import time


def count(n):
    while n > 0:
        n -= 1


def io_job(wait):
    time.sleep(wait)


async def io_job_async(wait):
    await asyncio.sleep(wait)


async def cpu_job_async(n):
    count(n)  # no await inside: nothing else runs until it returns


def sequential(job, jobs, arg):
    for _ in range(jobs):
        job(arg)


def in_threads(job, jobs, arg):
    workers = [threading.Thread(target=job, args=(arg,)) for _ in range(jobs)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()


def with_asyncio(job, jobs, arg):
    async def main():
        await asyncio.gather(*(job(arg) for _ in range(jobs)))

    asyncio.run(main())


def timed(f, *args):
    start = time.perf_counter()
    f(*args)
    return time.perf_counter() - start


def compare(title, jobs, rows):
    print(title)
    base = rows[0][1]
    for name, t in rows:
        print(f"  {name:<12}{t:8.3f} s   {base / max(t, 1e-9):5.2f}x sequential's speed")


def main():
    parser = argparse.ArgumentParser(description="asyncio vs threads, I/O- and CPU-bound")
    parser.add_argument("--jobs", type=int, default=4, help="jobs per run")
    parser.add_argument("--wait", type=float, default=0.25, help="seconds each I/O job waits")
    parser.add_argument("--count", type=int, default=2_000_000, help="CPU job size")
    args = parser.parse_args()

    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"{args.jobs} jobs, GIL {'enabled' if gil else 'disabled'}")
    compare(f"I/O-bound: each job waits {args.wait} s", args.jobs, [
        ("sequential", timed(sequential, io_job, args.jobs, args.wait)),
        ("threads", timed(in_threads, io_job, args.jobs, args.wait)),
        ("asyncio", timed(with_asyncio, io_job_async, args.jobs, args.wait)),
    ])
    count(args.count)  # warm up: the first run of a loop pays for caches the others reuse
    compare(f"CPU-bound: each job counts down from {args.count:,}", args.jobs, [
        ("sequential", timed(sequential, count, args.jobs, args.count)),
        ("threads", timed(in_threads, count, args.jobs, args.count)),
        ("asyncio", timed(with_asyncio, cpu_job_async, args.jobs, args.count)),
    ])


if __name__ == "__main__":
    main()
