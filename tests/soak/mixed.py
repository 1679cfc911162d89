# Free-threaded soak: THREADS threads x OPS mixed operations on shared lists, dicts, instances
# and globals. Racy updates may lose (not checked); updates under a lock must be exact, and
# every container must stay consistent (lengths match contents, no crash, no torn value).
import sys
import threading

THREADS = int(sys.argv[1]) if len(sys.argv) > 1 else 8
OPS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000

shared_list = []
shared_dict = {}
racy = 0
locked = 0
lock = threading.Lock()


class Box:
    def __init__(self):
        self.n = 0
        self.items = []


box = Box()
barrier = threading.Barrier(THREADS)


def worker(k):
    global racy, locked
    barrier.wait()
    mine = 0
    for i in range(OPS):
        op = (i * 7 + k) % 8
        if op == 0:
            shared_list.append(i)
        elif op == 1:
            if shared_list:
                try:
                    shared_list.pop()
                except IndexError:
                    pass  # another thread emptied it between the check and the pop
        elif op == 2:
            shared_dict[(k, i % 64)] = i
        elif op == 3:
            shared_dict.pop((k, (i + 32) % 64), None)
        elif op == 4:
            racy += 1
        elif op == 5:
            with lock:
                locked += 1
                box.n += 1
        elif op == 6:
            box.items.append(k)
            mine += 1
        else:
            str(shared_list[-1:])
            len(shared_dict)
    return mine


results = [0] * THREADS


def run(k):
    results[k] = worker(k)


threads = [threading.Thread(target=run, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected_locked = sum(sum(1 for i in range(OPS) if (i * 7 + k) % 8 == 5) for k in range(THREADS))
assert locked == expected_locked == box.n, (locked, expected_locked, box.n)
assert len(box.items) == sum(results), (len(box.items), sum(results))
assert racy <= sum(sum(1 for i in range(OPS) if (i * 7 + k) % 8 == 4) for k in range(THREADS))
assert len(shared_list) == len(list(shared_list)) and all(isinstance(x, int) for x in shared_list)
assert all(isinstance(k, tuple) and isinstance(v, int) for k, v in shared_dict.items())
assert len(shared_dict) <= THREADS * 64
print(f"ok: {THREADS} threads x {OPS:,} ops, locked {locked:,} exact")
