# A consumer blocks in pop() until the producer (which sleeps first) pushes.
import threading
import time
from ft_utils.concurrency import ConcurrentQueue

q = ConcurrentQueue()
out = []


def consumer():
    out.append(q.pop())
    out.append(q.pop())


t = threading.Thread(target=consumer)
t.start()
time.sleep(0.05)
q.push("first")
q.push("second")
t.join()
print(out)
