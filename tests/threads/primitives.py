import threading
import queue

# RLock is reentrant; Lock is not, and acquire(blocking=False) says so.
r = threading.RLock()
with r:
    with r:
        print("rlock reentered")
l = threading.Lock()
print(l.acquire(), l.acquire(False), l.locked())
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# Producer/consumer through a Queue: every item arrives exactly once.
q = queue.Queue()
results = []
results_lock = threading.Lock()

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with results_lock:
            results.append(item * item)
        q.task_done()

workers = [threading.Thread(target=consumer) for _ in range(3)]
for w in workers:
    w.start()
for i in range(100):
    q.put(i)
for _ in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print(len(results), sum(results))

# Event, Semaphore, Barrier, Condition
ev = threading.Event()
seen = []
def waiter():
    ev.wait()
    seen.append("woke")
t = threading.Thread(target=waiter)
t.start()
ev.set()
t.join()
print(seen, ev.is_set())

sem = threading.Semaphore(2)
inside = [0]
peak = [0]
guard = threading.Lock()
def limited():
    with sem:
        with guard:
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
        with guard:
            inside[0] -= 1
ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("peak <= 2:", peak[0] <= 2)

barrier = threading.Barrier(3)
order = []
def party(i):
    barrier.wait()
    with guard:
        order.append(i)
ts = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(order))

cond = threading.Condition()
box = []
def put_later():
    with cond:
        box.append(42)
        cond.notify()
with cond:
    t = threading.Thread(target=put_later)
    t.start()
    cond.wait_for(lambda: box)
t.join()
print(box)

# Names, idents, current_thread, daemon flag, join timeout on a finished thread.
t = threading.Thread(target=lambda: None, name="worker")
print(t.name, t.is_alive(), t.ident is None)
t.start(); t.join(0.5)
print(t.is_alive(), isinstance(t.ident, int), threading.current_thread().name, threading.main_thread().name)

class MyThread(threading.Thread):
    def run(self):
        print("subclass run in", threading.current_thread().name)
m = MyThread(name="custom")
m.start(); m.join()
print(threading.active_count())
