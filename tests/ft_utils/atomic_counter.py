# 8 threads x N increments of shared counters: an AtomicInt64 through incr(), through
# `+=` on a global and on an attribute (each one atomic step: the in-place add mutates
# the atomic and returns it), and a plain int global `+=` (LOAD, ADD, STORE: may lose).
import threading
from ft_utils.concurrency import AtomicInt64

THREADS = 8
N = 5000

by_incr = AtomicInt64()
by_iadd = AtomicInt64(0)
plain = 0


class Holder:
    def __init__(self):
        self.count = AtomicInt64()


holder = Holder()


def work():
    global by_iadd, plain
    for _ in range(N):
        by_incr.incr()
        by_iadd += 1
        holder.count += 1
        plain += 1


threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total = THREADS * N
print("incr", by_incr.get(), "of", total)
print("global +=", by_iadd.get(), "of", total)
print("attribute +=", holder.count.get(), "of", total)
print("plain int at most the total:", plain <= total)
print("still atomics:", type(by_iadd).__name__, type(holder.count).__name__)
