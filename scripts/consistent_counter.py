"""Four versions of one threaded update, from racy to consistent — run it with the GIL and
without (`gilvm -X gil=0 scripts/consistent_counter.py`) and compare.

Every thread multiplies a shared float `result` by `base`, `power` times. With nothing lost,
result == base ** (threads * power); a lost update is a multiplication that another thread
overwrote, and we can count them: log(result) / log(base) is how many multiplications stuck.

1. simple:     `result *= base` from each thread — LOAD, MULTIPLY, STORE can interleave.
2. peak:       the same, counting with ft_utils' AtomicInt64 how many threads are inside the
               function at once (the peak shows how much really overlapped).
3. long load:  many more multiplications per thread: results drift further from the exact
               value, and more under free threading than under the GIL.
4. consistent: every update inside an ft_utils IntervalLock (a lock that `poll()` hands over to
               a waiting thread once its interval is up) — exact in both modes.

    gilvm scripts/consistent_counter.py [--threads N] [--power P] [--long-power Q]
"""

import argparse
import math
import sys
import threading

from ft_utils.concurrency import AtomicInt64
from ft_utils.synchronization import IntervalLock

BASE = 1.0001
result = 1.0


def run_threads(target, threads, *args):
    workers = [threading.Thread(target=target, args=args) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()


def report(name, threads, power):
    expected = threads * power
    done = round(math.log(result) / math.log(BASE))
    lost = expected - done
    verdict = "exact" if lost == 0 else f"lost {lost:,} updates"
    print(f"{name:<12} {expected:>9,} multiplications, {done:>9,} kept: {verdict}")
    return lost


# 1. simple
def simple(power):
    global result
    for _ in range(power):
        result *= BASE


# 2. peak: how many threads are inside at once
inside = AtomicInt64(0)
counts_on_entry = []  # list.append is one atomic step in both modes


def tracked(power):
    global result
    # incr() returns the count after this thread's increment; the largest value any thread
    # sees is the peak, because the increment that reached the peak returned it.
    counts_on_entry.append(inside.incr())
    for _ in range(power):
        result *= BASE
    inside.decr()


# 4. consistent
lock = IntervalLock()


def consistent(power):
    global result
    with lock:
        for _ in range(power):
            result *= BASE
            lock.poll()  # let a waiting thread in once this one has held the lock long enough


def main():
    global result
    parser = argparse.ArgumentParser(description="From a racy to a consistent counter")
    parser.add_argument("--threads", type=int, default=8, help="threads per run")
    parser.add_argument("--power", type=int, default=20_000, help="multiplications per thread")
    parser.add_argument("--long-power", type=int, default=200_000,
                        help="multiplications per thread in the long run")
    args = parser.parse_args()

    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"{args.threads} threads, base {BASE}, GIL {'enabled' if gil else 'disabled'}")

    result = 1.0
    run_threads(simple, args.threads, args.power)
    report("simple", args.threads, args.power)

    result = 1.0
    run_threads(tracked, args.threads, args.power)
    report("peak", args.threads, args.power)
    peak = max(counts_on_entry)
    print(f"{'':<12} peak: {peak} thread{'s' if peak != 1 else ''} inside the function at once")

    result = 1.0
    run_threads(simple, args.threads, args.long_power)
    report("long load", args.threads, args.long_power)

    result = 1.0
    run_threads(consistent, args.threads, args.power)
    lost = report("consistent", args.threads, args.power)
    assert lost == 0, "the IntervalLock version must never lose an update"


if __name__ == "__main__":
    main()
