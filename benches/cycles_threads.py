"""`cycles.py` from four threads (its `pair()`): each makes N two-node reference cycles (a
million in all by default). Free-threaded (`-X gil=0`), peak RSS shows whether the collector runs while the
threads run: it stops the world to collect (`src/threads/world.rs`); before it did, nothing
was collected until the threads ended."""
import sys
import threading

from cycles import pair


def work(n, sums, t):
    total = 0
    for i in range(n):
        total += pair(i)
    sums[t] = total


def main(n):
    sums = [0] * 4
    ts = [threading.Thread(target=work, args=(n, sums, t)) for t in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("pairs", 4 * n, "checksum", sum(sums))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 250_000)
