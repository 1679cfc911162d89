"""ft_utils.synchronization: the locks of Meta's ft_utils library. IntervalLock and RWLock
are native (_ft_utils) and block without holding the GIL; the context managers are here."""

from _ft_utils import IntervalLock, RWLock

# The name the library's documentation uses for RWLock.
ReaderWriterLock = RWLock


def _check_rwlock(lock):
    if type(lock) is not RWLock:
        raise TypeError(
            "argument 1 must be synchronisation.RWLock, not " + type(lock).__name__
        )


class RWReadContext:
    """with RWReadContext(lock): holds the read side of lock."""

    def __init__(self, lock):
        _check_rwlock(lock)
        self._lock = lock

    def __enter__(self):
        self._lock.lock_read()

    def __exit__(self, *args):
        self._lock.unlock_read()


class RWWriteContext:
    """with RWWriteContext(lock): holds the write side of lock."""

    def __init__(self, lock):
        _check_rwlock(lock)
        self._lock = lock

    def __enter__(self):
        self._lock.lock_write()

    def __exit__(self, *args):
        self._lock.unlock_write()
