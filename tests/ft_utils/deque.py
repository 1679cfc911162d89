# 8 threads append to both ends of one ConcurrentDeque, then 8 threads pop from both ends
# until it is empty: every item is appended once and popped once.
import threading
from ft_utils.concurrency import ConcurrentDeque

THREADS = 8
PER = 1000
d = ConcurrentDeque()
popped = [[] for _ in range(THREADS)]


def fill(k):
    for i in range(PER):
        if i % 2:
            d.append(k * PER + i)
        else:
            d.appendleft(k * PER + i)


def drain(k):
    mine = popped[k]
    while True:
        try:
            mine.append(d.pop() if k % 2 else d.popleft())
        except RuntimeError:
            return


for target in (fill, drain):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if target is fill:
        print("len", len(d), "of", THREADS * PER)

everything = sorted(x for mine in popped for x in mine)
print("each popped once:", everything == list(range(THREADS * PER)), "left:", len(d))
