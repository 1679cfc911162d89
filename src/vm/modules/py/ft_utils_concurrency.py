"""ft_utils.concurrency: the concurrent structures of Meta's ft_utils library.

AtomicInt64, AtomicReference and ConcurrentDict are native (_ft_utils): each of their
operations is one atomic step, with the GIL or without it. ConcurrentQueue's push and pop
are one native step each; a pop on an empty queue blocks without holding the GIL."""

import threading
from queue import Empty, Full

from _ft_utils import AtomicInt64, AtomicReference, ConcurrentDeque, ConcurrentDict
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


class StdConcurrentQueue(ConcurrentQueue):
    """queue.Queue's API (put, get, qsize, full, task_done, join, ...) over a
    ConcurrentQueue. A put() on a full queue and join() wait on a condition that get() and
    task_done() notify."""

    def __init__(self, maxsize=0):
        super().__init__(lock_free=True)
        self._maxsize = max(maxsize, 0)
        self._active_tasks = AtomicInt64(0)
        self._changed = threading.Condition()

    def _notify(self):
        with self._changed:
            self._changed.notify_all()

    def qsize(self):
        return self.size()

    def full(self):
        return bool(self._maxsize and self.size() >= self._maxsize)

    def get(self, block=True, timeout=None):
        if block and timeout != 0.0:
            value = self.pop(timeout=timeout)
        elif self.size() > 0:
            value = self.pop(timeout=0.0)
        else:
            raise Empty
        if self._maxsize:
            self._notify()
        return value

    def put(self, item, block=True, timeout=None):
        if self.full():
            if not block:
                raise Full
            with self._changed:
                if not self._changed.wait_for(
                    lambda: not self.full() or self._core.is_shutdown(), timeout
                ):
                    raise Full
        self.push(item)
        self._active_tasks.incr()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    def task_done(self):
        if self._active_tasks.decr() <= 0:
            self._notify()

    def join(self):
        with self._changed:
            self._changed.wait_for(
                lambda: self._active_tasks.get() <= 0 or self._core.is_shutdown()
            )

    def shutdown(self, immediate=False):
        super().shutdown(immediate)
        self._notify()
