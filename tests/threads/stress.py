"""10 threads x 100 000 mixed operations on shared lists and dicts, no lock. Run free-threaded,
nothing may crash or tear: every container stays internally consistent and every element is
one that some thread put there."""
import threading

THREADS = 10
OPS = 100_000
shared_list = []
shared_dict = {}
counts = {}


def worker(tid):
    appended = 0
    popped = 0
    for i in range(OPS):
        op = i % 5
        if op == 0:
            shared_list.append((tid, i))
            appended += 1
        elif op == 1:
            try:
                shared_list.pop()
                popped += 1
            except IndexError:
                pass
        elif op == 2:
            shared_dict[(tid, i % 100)] = i
        elif op == 3:
            shared_dict.pop((tid, (i - 1) % 100), None)
        else:
            x = shared_dict.get((tid, i % 100))
            if x is not None and x % 100 != i % 100:
                raise AssertionError("torn dict value")
    counts[tid] = (appended, popped)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

appended = sum(a for a, _ in counts.values())
popped = sum(p for _, p in counts.values())
assert len(counts) == THREADS, counts
assert len(shared_list) == appended - popped, (len(shared_list), appended, popped)
for item in shared_list:
    assert isinstance(item, tuple) and len(item) == 2 and 0 <= item[0] < THREADS, item
for k, v in shared_dict.items():
    assert isinstance(k, tuple) and 0 <= k[0] < THREADS and v % 100 == k[1], (k, v)
print("ok", len(counts), "threads")
