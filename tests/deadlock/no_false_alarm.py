# Threads that wait on each other a great deal but always make progress: locks passed back and
# forth, a bounded queue, events, conditions, joins. Must never be reported as a deadlock.
import queue
import threading

q = queue.Queue(maxsize=4)
N = 3000
total = 0
lock = threading.Lock()
cond = threading.Condition()
turn = [0]


def producer():
    for i in range(N):
        q.put(i)
    q.put(None)


def consumer():
    global total
    while (x := q.get()) is not None:
        with lock:
            total += x


def ping(me, rounds):
    for _ in range(rounds):
        with cond:
            cond.wait_for(lambda: turn[0] == me)
            turn[0] = 1 - me
            cond.notify_all()


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
threads += [threading.Thread(target=ping, args=(k, 300)) for k in (0, 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
ready = threading.Event()
waiter = threading.Thread(target=ready.wait)
waiter.start()
ready.set()
waiter.join()
print(total == N * (N - 1) // 2, turn[0])
