# StdConcurrentQueue as queue.Queue: a bounded queue whose put() blocks while it is full,
# two consumers that call task_done(), and join() waiting for every task.
import threading
from ft_utils.concurrency import StdConcurrentQueue

N = 600
q = StdConcurrentQueue(maxsize=4)
got = []
got_lock = threading.Lock()


def consume():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with got_lock:
            got.append(item)
        q.task_done()


consumers = [threading.Thread(target=consume) for _ in range(2)]
for t in consumers:
    t.start()
for i in range(N):
    q.put(i)
q.join()
print("joined with", len(got), "of", N, "done; left:", q.qsize())
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print("each once:", sorted(got) == list(range(N)))
