# queue's three kinds, as a course shows them: FIFO, LIFO and priority, bounded puts and
# non-blocking gets, and task_done/join with worker threads.
import queue
import threading

fifo, lifo, prio = queue.Queue(), queue.LifoQueue(), queue.PriorityQueue()
for job in [(3, "write"), (1, "read"), (2, "plan"), (1, "check")]:
    fifo.put(job)
    lifo.put(job)
    prio.put(job)
print([fifo.get() for _ in range(4)])
print([lifo.get() for _ in range(4)])
print([prio.get() for _ in range(4)])
print(fifo.empty(), prio.qsize(), isinstance(prio, queue.Queue))

bounded = queue.Queue(maxsize=2)
bounded.put(1)
bounded.put_nowait(2)
print(bounded.full())
try:
    bounded.put(3, timeout=0.01)
except queue.Full:
    print("Full after a timeout")
try:
    queue.PriorityQueue().get_nowait()
except queue.Empty:
    print("Empty")

tasks = queue.PriorityQueue()
for n in [5, 3, 9, 1, 7, 2]:
    tasks.put((n, f"task{n}"))
done = []
lock = threading.Lock()


def worker():
    while True:
        try:
            n, name = tasks.get_nowait()
        except queue.Empty:
            return
        with lock:
            done.append(name)
        tasks.task_done()


threads = [threading.Thread(target=worker) for _ in range(3)]
for t in threads:
    t.start()
tasks.join()
for t in threads:
    t.join()
print(sorted(done), tasks.unfinished_tasks)
