"""A batch of big Fibonacci numbers by fast doubling, computed by a pool of workers in one of
three modes, timed with timeit — the ft_utils fibonacci example's command line:

    gilvm scripts/fibonacci.py --nth_element 20000 --run_size 200 --workers 4 --mode threads
    gilvm -X gil=0 scripts/fibonacci.py --nth_element 20000 --run_size 200 --mode fast_threads

threads       a ThreadPoolExecutor, one task per number, sharing a plain dict as memo;
fast_threads  `workers` long-lived tasks pulling numbers from an ft_utils ConcurrentQueue, a
              ConcurrentDict memo, an AtomicInt64 task counter, each shared object seen
              through a LocalWrapper (in free-threaded CPython: no reference-count contention);
processes     a ProcessPoolExecutor (in gilvm, isolated interpreters), each with its own memo.

Fast doubling: F(2k) = F(k) * (2*F(k+1) - F(k)), F(2k+1) = F(k)**2 + F(k+1)**2, so F(n)
takes log2(n) steps; fib_pair(n) returns (F(n), F(n+1)) and memoises every pair it computes.
"""

import argparse
import concurrent.futures
import random
import timeit

from ft_utils.concurrency import AtomicInt64, ConcurrentDict, ConcurrentQueue
from ft_utils.local import LocalWrapper

hits = AtomicInt64()
misses = AtomicInt64()


def fib_pair(n: int, memo) -> tuple[int, int]:
    """(F(n), F(n+1)), memoised in `memo` (any mapping that supports `in`, [] and []=)."""
    if n in memo:
        hits.incr()
        return memo[n]
    misses.incr()
    if n == 0:
        pair = (0, 1)
    else:
        a, b = fib_pair(n // 2, memo)
        even = a * (2 * b - a)  # F(2k)
        odd = a * a + b * b  # F(2k+1)
        pair = (odd, even + odd) if n % 2 else (even, odd)
    memo[n] = pair
    return pair


def batch(nth: int, size: int, seed: int) -> list[int]:
    """The numbers to compute: nth plus a spread, the same for every mode."""
    rng = random.Random(seed)
    return [nth + rng.randint(0, size * 2) for _ in range(size)]


def run_tasks(numbers, executor, workers):
    """One task per number; the threads share one plain dict as memo."""
    memo = {}
    futures = [executor.submit(fib_pair, n, memo) for n in numbers]
    return [f.result()[0] for f in futures]


def run_processes(numbers, executor, workers):
    """One task per number; every process has its own memo (nothing is shared)."""
    futures = [executor.submit(fib_pair, n, {}) for n in numbers]
    return [f.result()[0] for f in futures]


def run_queue(numbers, executor, workers):
    """`workers` tasks pull numbers from a queue until the task counter runs out."""
    queue = ConcurrentQueue(workers)
    for n in numbers:
        queue.push(n)
    remaining = AtomicInt64(len(numbers))
    memo = ConcurrentDict(workers)

    def drain():
        local_queue = LocalWrapper(queue)
        local_remaining = LocalWrapper(remaining)
        local_memo = LocalWrapper(memo)
        while local_remaining.decr() >= 0:
            fib_pair(local_queue.pop(), local_memo)

    for f in [executor.submit(drain) for _ in range(workers)]:
        f.result()
    return [memo[n][0] for n in numbers]


MODES = {
    "threads": (concurrent.futures.ThreadPoolExecutor, run_tasks),
    "fast_threads": (concurrent.futures.ThreadPoolExecutor, run_queue),
    "processes": (concurrent.futures.ProcessPoolExecutor, run_processes),
}


def main():
    parser = argparse.ArgumentParser(description="Compute a batch of Fibonacci numbers in parallel")
    parser.add_argument("--nth_element", type=int, required=True,
                        help="The smallest index of the Fibonacci numbers to compute.")
    parser.add_argument("--run_size", type=int, required=True,
                        help="How many Fibonacci numbers to compute.")
    parser.add_argument("--workers", type=int, default=16,
                        help="The number of workers in the pool. Defaults to 16.")
    parser.add_argument("--mode", type=str, default="threads", choices=tuple(MODES),
                        help="threads | fast_threads | processes. Defaults to threads.")
    parser.add_argument("--number", type=int, default=5,
                        help="How many timed runs timeit makes. Defaults to 5.")
    args = parser.parse_args()

    executor_type, run = MODES[args.mode]
    numbers = batch(args.nth_element, args.run_size, seed=1234)
    results = []

    def one_run():
        with executor_type(max_workers=args.workers) as executor:
            results.append(run(numbers, executor, args.workers))

    total = timeit.timeit(one_run, number=args.number)

    check = sum(results[-1]) % 1_000_000_007
    print("Report:")
    print("---------")
    print(f"- nth Element: {args.nth_element}")
    print(f"- Mode: {args.mode}")
    print(f"- Size: {args.run_size}")
    print(f"- Workers: {args.workers}")
    print(f"- Checksum (sum of F(n) mod 1e9+7): {check}")
    print(f"- Same results every run: {all(r == results[0] for r in results)}")
    print(f"- Average Execution Time: {total / args.number:.6f} seconds")
    if args.mode != "processes":
        print(f"- Cache rate (hits per miss): {int(hits) / max(int(misses), 1):.6f}")
    print(f"- Total Execution Time ({args.number} runs): {total:.2f} seconds")


if __name__ == "__main__":
    main()
