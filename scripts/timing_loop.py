import time

def work(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total

for size in (10_000, 100_000, 1_000_000):
    start = time.perf_counter()
    result = work(size)
    elapsed = time.perf_counter() - start
    print(f"work({size:>9,}) = {result:>22,}  in {elapsed:.4f} s")
