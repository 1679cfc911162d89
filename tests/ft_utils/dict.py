# 8 threads write disjoint keys of one ConcurrentDict; the main thread checks it.
import threading
from ft_utils.concurrency import ConcurrentDict

THREADS = 8
PER = 2000
d = ConcurrentDict()


def work(k):
    for i in range(PER):
        d[k * PER + i] = i


threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

print("len", len(d), "of", THREADS * PER)
print("sum", sum(d[k] for k in range(THREADS * PER)), "of", THREADS * (PER - 1) * PER // 2)
print("all present:", all(k in d for k in range(THREADS * PER)))
