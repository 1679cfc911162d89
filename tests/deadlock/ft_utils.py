# A deadlock on ft_utils' blocking objects: a reader of an RWLock waits for a queue item, a
# writer holding an IntervalLock waits for the reader, and the main thread waits for the
# IntervalLock. None of them can wake.
import threading

from ft_utils.concurrency import ConcurrentQueue
from ft_utils.synchronization import IntervalLock, RWLock

q = ConcurrentQueue()
il = IntervalLock()
rw = RWLock()
reading = threading.Event()
locked = threading.Event()


def reader():
    rw.lock_read()
    reading.set()
    q.pop()


def writer():
    il.lock()
    reading.wait()
    locked.set()
    rw.lock_write()


threading.Thread(target=reader, name="reader").start()
threading.Thread(target=writer, name="writer").start()
locked.wait()
print("locking")
il.lock()
