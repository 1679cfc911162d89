# Collection during mutation of shared containers never frees a live object. 64 nodes, each
# in cycles of its own (through itself, a list and a dict), move between a shared list, a
# shared dict and the attributes of a shared object, four threads at once, while the
# threads also make garbage cycles (a low threshold: the automatic collector runs often)
# and the main thread calls gc.collect(). A node in transit is held only by a thread's
# frame. Every node a thread takes is checked, and at the end every node is where one
# thread left it, intact: 64 of them, none lost, none cleared. Even nodes hold their own
# `__dict__` (a cycle through the dict as an object of its own), and half the threads reach
# the shared object's attributes through its `__dict__`.
import gc
import sys
import threading

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
THREADS = 4
NODES = 64

gc.set_threshold(100)


class Node:
    def __init__(self, k):
        self.k = k
        self.me = self
        self.box = [self, k]
        self.tag = {"k": k, "node": self}
        if k % 2 == 0:
            self.__dict__["own"] = self.__dict__


class Holder:
    pass


def intact(n):
    try:
        return (
            n.me is n
            and n.box[0] is n
            and n.box[1] == n.k
            and n.tag["node"] is n
            and n.tag["k"] == n.k
            and (n.k % 2 == 1 or n.own is n.__dict__)
        )
    except Exception:
        return False


pool = [Node(k) for k in range(NODES)]
table = {}
holder = Holder()
for t in range(THREADS):
    setattr(holder, "slot%d" % t, None)
bad = []
running = [THREADS]
count_lock = threading.Lock()


def garbage(i):
    a = Node(-1)
    b = [a, {"a": a}]
    a.box.append(b)


def work(t):
    try:
        move(t)
    finally:
        with count_lock:
            running[0] -= 1


def move(t):
    slot = "slot%d" % t
    mine = []  # nodes held only by this thread
    for r in range(ROUNDS):
        garbage(r)
        op = (r * 7 + t) % 5
        if op == 0:
            try:
                n = pool.pop()
            except IndexError:
                continue
            if not intact(n):
                bad.append((t, r, "pool"))
            table[n.k] = n
        elif op == 1:
            try:
                k, n = table.popitem()
            except KeyError:
                continue
            if not intact(n) or n.k != k:
                bad.append((t, r, "table"))
            pool.append(n)
        elif op == 2:
            try:
                n = pool.pop(0)
            except IndexError:
                continue
            if t % 2 == 0:
                old = holder.__dict__[slot]
                holder.__dict__[slot] = n
            else:
                old = getattr(holder, slot)
                setattr(holder, slot, n)
            if old is not None:
                if not intact(old):
                    bad.append((t, r, "slot"))
                mine.append(old)
        elif op == 3:
            if mine:
                n = mine.pop()
                if not intact(n):
                    bad.append((t, r, "mine"))
                pool.insert(len(pool) // 2, n)
        else:
            for n in list(pool[:4]):
                if not intact(n):
                    bad.append((t, r, "peek"))
    pool.extend(mine)


ts = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
for t in ts:
    t.start()
while True:
    with count_lock:
        if running[0] == 0:
            break
    gc.collect()
for t in ts:
    t.join()
everything = list(pool) + list(table.values())
for t in range(THREADS):
    n = getattr(holder, "slot%d" % t)
    if n is not None:
        everything.append(n)
ks = sorted(getattr(n, "k", -1) for n in everything)
print("bad", bad)
print("nodes", len(everything), "intact", all(intact(n) for n in everything))
print("none lost", ks == list(range(NODES)))
