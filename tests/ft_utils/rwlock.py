# One writer keeps the invariant a + b == 0, breaking it only inside the write lock; many
# readers check it inside the read lock and never see it broken.
import threading
from ft_utils.synchronization import RWLock, RWReadContext, RWWriteContext

READERS = 6
ROUNDS = 2000
lock = RWLock()
a = 0
b = 0
bad = 0
reads = 0
counted = threading.Lock()


def writer():
    global a, b
    for i in range(ROUNDS):
        if i % 2:
            with RWWriteContext(lock):
                a += 1
                b -= 1
        else:
            lock.lock_write()
            a += 1
            b -= 1
            lock.unlock_write()


def reader():
    global bad, reads
    for _ in range(ROUNDS):
        with RWReadContext(lock):
            ok = a + b == 0
        with counted:
            reads += 1
            if not ok:
                bad += 1


threads = [threading.Thread(target=reader) for _ in range(READERS)]
threads.append(threading.Thread(target=writer))
for t in threads:
    t.start()
for t in threads:
    t.join()
print("reads", reads, "inconsistent", bad)
print("a", a, "b", b, "readers", lock.readers(), "writer", lock.writer_locked())
