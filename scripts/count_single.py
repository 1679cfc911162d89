import time

def count(n):
    while n > 0:
        n -= 1

N = 10_000_000

start = time.time()
count(N)
print("One count:", time.time() - start)
