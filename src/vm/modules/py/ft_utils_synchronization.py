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


class _RWContext:
    """Holds one side of an RWLock for a `with` block: the subclass's `_side`, "read" or
    "write" (lock_read/unlock_read or lock_write/unlock_write)."""

    def __init__(self, lock):
        _check_rwlock(lock)
        self._lock = lock

    def __enter__(self):
        getattr(self._lock, "lock_" + self._side)()

    def __exit__(self, *args):
        getattr(self._lock, "unlock_" + self._side)()


class RWReadContext(_RWContext):
    """with RWReadContext(lock): holds the read side of lock."""

    _side = "read"


class RWWriteContext(_RWContext):
    """with RWWriteContext(lock): holds the write side of lock."""

    _side = "write"
