# Two threads hand items through a ConcurrentQueue; whatever the schedule, the consumer gets
# both, in order.
import threading
from ft_utils.concurrency import ConcurrentQueue, AtomicInt64

q = ConcurrentQueue()
n = AtomicInt64()
out = []


def consumer():
    out.append(q.pop())
    out.append(q.pop())


def producer():
    q.push(1)
    n.incr()
    q.push(2)
    n.incr()


threads = [threading.Thread(target=consumer), threading.Thread(target=producer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(out, n.get())
