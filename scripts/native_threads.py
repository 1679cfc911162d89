# Two threads calling native code run in parallel under the GIL; two threads running bytecode
# take turns. Each case runs the same work twice, first one call after the other, then in two
# threads at once, and prints the ratio threads / sequential: about 1.00 means no speed-up,
# about 0.50 means the two threads ran on two cores at the same time.
#
# An optional argument scales the amount of work (the tests run a debug build with less).

import sys
import threading
import time

import nogil

scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
N_BYTECODE = int(10_000_000 * scale)
N_NATIVE = int(300_000_000 * scale)


def count(n):
    while n > 0:
        n -= 1


def sequential(f, n):
    start = time.perf_counter()
    f(n)
    f(n)
    return time.perf_counter() - start


def in_threads(f, n):
    start = time.perf_counter()
    threads = [threading.Thread(target=f, args=(n,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


cases = [
    ("bytecode count(n)", count, N_BYTECODE),
    ("nogil.count(n)", nogil.count, N_NATIVE),
    ("nogil.count_holding_gil(n)", nogil.count_holding_gil, N_NATIVE),
]
for label, f, n in cases:
    seq = sequential(f, n)
    par = in_threads(f, n)
    print(f"{label:<26}  sequential {seq:.3f} s  2 threads {par:.3f} s  ratio {par / seq:.2f}")
