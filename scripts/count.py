import threading
import time

def count(n):
    while n > 0:
        n -= 1

N = 10_000_000

# Sequential
start = time.time()
count(N)
count(N)
print("Sequential:", time.time() - start)

# Threads
start = time.time()
t1 = threading.Thread(target=count, args=(N,))
t2 = threading.Thread(target=count, args=(N,))
t1.start(); t2.start()
t1.join(); t2.join()
print("Threads:", time.time() - start)
