"""ft_utils.concurrency: the concurrent structures of Meta's ft_utils library.

AtomicInt64, AtomicReference and ConcurrentDict are native (_ft_utils): each of their
operations is one atomic step, with the GIL or without it. ConcurrentQueue's push and pop
are one native step each; a pop on an empty queue blocks without holding the GIL."""

import threading
from queue import Empty

from _ft_utils import AtomicInt64, AtomicReference, ConcurrentDict
from _ft_utils import ConcurrentQueueCore as _QueueCore
from ft_utils.local import LocalWrapper

try:
    from queue import ShutDown
except ImportError:
    # Python 3.11 has no queue.ShutDown: the library defines its own, as here.
    class ShutDown(Exception):
        pass


class AtomicFlag:
    """A boolean flag that can be updated atomically."""

    def __init__(self, value):
        self._int64 = AtomicInt64(-1 if value else 0)

    def set(self, value):
        self._int64.set(-1 if value else 0)

    def __bool__(self):
        return bool(self._int64)


class ConcurrentQueue:
    """A queue many threads push to and pop from. pop() blocks while the queue is empty;
    with a timeout it raises Empty when the time runs out; after shutdown() push raises
    ShutDown, and pop raises it once the queue is drained (at once if immediate)."""

    def __init__(self, scaling=None, lock_free=False):
        self._core = _QueueCore()
        self._lock_free = lock_free

    def push(self, value):
        if not self._core.push(value):
            raise ShutDown

    def pop(self, timeout=None):
        code, value = self._core.pop(timeout)
        if code == 0:
            return value
        if code == 1:
            raise Empty
        raise ShutDown

    def pop_local(self, timeout=None):
        return LocalWrapper(self.pop(timeout))

    def size(self):
        return self._core.size()

    def empty(self):
        return self._core.size() == 0

    def shutdown(self, immediate=False):
        self._core.shutdown(immediate)


class ConcurrentGatheringIterator:
    """Values inserted from many threads under integer keys 0, 1, 2, ..., read back in key
    order by iterator(max_key), which waits for each next key to arrive."""

    def __init__(self, scaling=None):
        self._dict = ConcurrentDict()
        self._cond = threading.Condition()
        self._failed = AtomicFlag(False)

    def insert(self, key, value):
        try:
            self._dict[key] = value
        except Exception:
            self._failed.set(True)
            raise
        finally:
            with self._cond:
                self._cond.notify_all()

    def iterator(self, max_key, clear=True):
        key = 0
        while key <= max_key:
            # Checked under the condition's lock, which insert() notifies under: no
            # wake-up is lost, so no polling timeout is needed.
            with self._cond:
                while key not in self._dict:
                    if self._failed:
                        raise RuntimeError("Iterator insertion failed")
                    self._cond.wait()
            value = self._dict[key]
            if clear:
                del self._dict[key]
            yield value
            key += 1

    def iterator_local(self, max_key, clear=True):
        for value in self.iterator(max_key, clear):
            yield LocalWrapper(value)
