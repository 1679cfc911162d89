# An IntervalLock-protected counter: exact under 8 threads. Half the threads hold the lock
# across their whole loop and poll() it, ceding it to waiters once the interval is up.
import threading
from ft_utils.synchronization import IntervalLock

THREADS = 8
N = 3000
lock = IntervalLock(0.001)
counter = 0


def with_block():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


def holding_and_polling():
    global counter
    lock.lock()
    for _ in range(N):
        counter += 1
        lock.poll()
    lock.unlock()


threads = [
    threading.Thread(target=with_block if k % 2 else holding_and_polling)
    for k in range(THREADS)
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter, "of", THREADS * N)
print("locked after:", lock.locked())
