# Producer/consumer over a collections.deque from 4 threads: append and popleft are atomic
# (as in CPython), so every item is consumed exactly once in any interleaving, with or
# without the GIL.
import threading
from collections import deque
from functools import lru_cache

N = 20000
items = deque()
done = threading.Event()
results = []
results_lock = threading.Lock()


def producer(base):
    for i in range(N):
        items.append(base + i)


def consumer():
    count = 0
    total = 0
    while True:
        finished = done.is_set()  # read before the pop: afterwards nothing more is appended
        try:
            x = items.popleft()
        except IndexError:
            if finished:
                break
            continue
        count += 1
        total += x
    with results_lock:
        results.append((count, total))


producers = [threading.Thread(target=producer, args=(k * N,)) for k in range(2)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
done.set()
for t in consumers:
    t.join()
consumed = sum(c for c, _ in results)
total = sum(t for _, t in results)
print("consumed", consumed, "expected", 2 * N)
print("sum ok", total == sum(range(2 * N)), "left", len(items))

# A bounded deque appended to from both ends by 4 threads never exceeds maxlen.
bounded = deque(maxlen=50)


def fill(k):
    for i in range(5000):
        if i % 2:
            bounded.append(i)
        else:
            bounded.appendleft(i)


threads = [threading.Thread(target=fill, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("bounded", len(bounded), bounded.maxlen)


# lru_cache's counters add up under threads.
@lru_cache(maxsize=None)
def square(n):
    return n * n


def hammer():
    for i in range(2000):
        square(i % 100)


threads = [threading.Thread(target=hammer) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
info = square.cache_info()
print("calls", info.hits + info.misses, "currsize", info.currsize)
