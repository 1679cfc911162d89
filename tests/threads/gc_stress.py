# Four threads build rings of nodes (each a cycle) and check them, while the main thread and
# the automatic collector collect: an object still referenced is never cleared, so every ring
# a thread holds is intact when it checks it, in every mode and schedule; the garbage rings
# are collected (gc.collect() finds some once the threads are done).
import gc
import threading
import time

gc.set_threshold(50)


class Node:
    def __init__(self, i):
        self.i = i
        self.next = None


def ring(n):
    first = Node(0)
    cur = first
    for i in range(1, n):
        cur.next = Node(i)
        cur = cur.next
    cur.next = first
    return first


bad = []


def work(t):
    kept = []
    for r in range(150):
        x = ring(5)
        ring(4)  # garbage at once
        if r % 10 == 0:
            kept.append(x)
        cur, seen = x, 0
        while True:
            if cur.i != seen % 5:
                bad.append((t, r))
            seen += 1
            cur = cur.next
            if cur is x:
                break
        if seen != 5:
            bad.append((t, r, seen))
    for k in kept:
        if k.next.next.next.next.next is not k:
            bad.append((t, "kept"))


ts = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for t in ts:
    t.start()
for _ in range(20):
    gc.collect()
for t in ts:
    t.join()
gc.disable()  # the ring below is left for gc.collect() alone
ring(3)
# A thread may still be finishing an automatic collection a moment after join() returns
# (gc.collect() returns 0 while another collection runs).
found = 0
for _ in range(200):
    found = gc.collect()
    if found:
        break
    time.sleep(0.01)
print(bad, found > 0)
