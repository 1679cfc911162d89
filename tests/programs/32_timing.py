import time
from typing import Callable


def count(n: int) -> None:
    while n > 0:
        n -= 1


def timed(f: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


start = time.time()
elapsed = timed(lambda: count(100_000))
total = time.time() - start
ok = elapsed >= 0.0 and total >= 0.0
print(f"{'ok' if ok else 'bad'}")
times = [timed(lambda: count(1000)) for _ in range(5)]
print(f"{'ok'}", len(times), all(t >= 0 for t in times))
print(type(elapsed).__name__, type(time.time()).__name__)
