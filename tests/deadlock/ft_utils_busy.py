# Heavy legitimate waiting on ft_utils' blocking objects: producers and consumers on a
# ConcurrentQueue, readers and writers on an RWLock, threads taking turns on an IntervalLock.
# It always makes progress and must never be reported as a deadlock.
import threading

from ft_utils.concurrency import ConcurrentQueue
from ft_utils.synchronization import IntervalLock, RWLock

N = 2000
q = ConcurrentQueue()
total = [0]
total_lock = threading.Lock()


def producer(k):
    for i in range(N):
        q.push(k * N + i)


def consumer():
    got = 0
    while (x := q.pop()) is not None:
        got += x
    with total_lock:
        total[0] += got


# Two queues passed back and forth: almost every pop waits for the other thread's push.
ping, pong = ConcurrentQueue(), ConcurrentQueue()
ROUNDS = 1000


def serve():
    for _ in range(ROUNDS):
        pong.push(ping.pop() + 1)


def volley():
    x = 0
    for _ in range(ROUNDS):
        ping.push(x)
        x = pong.pop()
    ping_result.append(x)


ping_result = []

rw = RWLock()
shared = [0, 0]
torn = [0]


def writer():
    for i in range(300):
        rw.lock_write()
        shared[0] = i
        shared[1] = i
        rw.unlock_write()


def reader():
    for _ in range(300):
        rw.lock_read()
        if shared[0] != shared[1]:
            torn[0] += 1
        rw.unlock_read()


il = IntervalLock(0.0001)
counted = [0]


def turns():
    for _ in range(300):
        il.lock()
        counted[0] += 1
        il.poll()
        il.unlock()


consumers = [threading.Thread(target=consumer) for _ in range(3)]
others = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
others += [threading.Thread(target=writer) for _ in range(2)]
others += [threading.Thread(target=reader) for _ in range(3)]
others += [threading.Thread(target=turns) for _ in range(3)]
others += [threading.Thread(target=serve), threading.Thread(target=volley)]
for t in consumers + others:
    t.start()
for t in others:
    t.join()
for _ in consumers:
    q.push(None)
for t in consumers:
    t.join()
print(total[0] == 2 * N * (2 * N - 1) // 2, torn[0], counted[0], ping_result)
