# Four threads make two-node cycles in a loop and the collector runs while they run: each
# worker's gc.collect() finds garbage while the other three are alive (none ends before all
# have collected), free-threaded too, where the collecting thread stops the world. Cycles a
# worker holds only in its frame, or in a native call's arguments, while it waits in a lock
# (detached) or runs (parked at a safe point) are never collected. The automatic collector
# keeps up: the objects alive stay far below the number made.
import gc
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
THREADS = 4


class Node:
    def __init__(self, k):
        self.k = k
        self.other = None


def pair(k):
    a = Node(k)
    b = Node(k)
    a.other = b
    b.other = a
    return a


def intact(a, k):
    return a.k == k and a.other.k == k and a.other.other is a


start = threading.Barrier(THREADS + 1)
collected = threading.Barrier(THREADS)
bad = []
found = [0] * THREADS
alive = []


def slow(a):
    # The thread detaches here while the others may collect; the pairs already returned
    # are held only by the native call that runs list(map(...)).
    time.sleep(0.001)
    return a


def work(t):
    start.wait()
    held = pair(1000 + t)  # held only by this frame for the whole run
    for i in range(N):
        pair(i)
        if i % 500 == 0 and not intact(held, 1000 + t):
            bad.append((t, i))
    # Every worker is alive until all four have found garbage themselves.
    got = 0
    while got == 0:
        # 0 while another thread's collection runs; then this thread's own fresh pair is
        # garbage for its next try.
        pair(-1)
        got = gc.collect()
    found[t] = got
    kept = list(map(slow, [pair(2000 + t * 10 + j) for j in range(3)]))
    alive.append(sum(1 for o in gc.get_objects() if type(o) is Node))
    collected.wait()
    for j, a in enumerate(kept):
        if not intact(a, 2000 + t * 10 + j):
            bad.append((t, "kept", j))
    if not intact(held, 1000 + t):
        bad.append((t, "held"))


ts = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
for t in ts:
    t.start()
start.wait()
for t in ts:
    t.join()
print("bad", bad)
print("every worker collected while the others ran:", all(f > 0 for f in found))
# 2 x 4 x N nodes were made; without collections while the threads run, all would be alive.
print("nodes alive well below the nodes made:", max(alive) < THREADS * N)
