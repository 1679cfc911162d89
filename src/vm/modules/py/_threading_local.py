"""`threading.local` (CPython's `_thread._local`), after CPython's Lib/_threading_local.py.
Imported on first use of `threading.local` (the threading module's lazy attribute), so that
`import threading` runs no more instructions than before (schedules count them)."""

from threading import RLock, current_thread


class _local:
    """`threading.local` (CPython's `_thread._local`): attributes of its own in each thread.
    Each thread's attributes live in a dict of their own, keyed by the thread's `Thread`
    object (idents are reused, thread objects are not); a subclass's `__init__` runs again,
    with the same arguments, the first time each thread touches the object. Dicts of threads
    that have ended are dropped when another thread gets its dict."""

    __module__ = "_thread"

    def __new__(cls, /, *args, **kw):
        if (args or kw) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__impl", ({}, args, kw, RLock()))
        return self

    def __getattribute__(self, name):
        if name in ("__class__", "_local__impl"):
            return object.__getattribute__(self, name)
        d = _local_dict(self)
        if name == "__dict__":
            return d
        if name in d and not _local_data_descriptor(type(self), name):
            return d[name]
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            raise AttributeError(
                f"'{_local_type_name(self)}' object has no attribute '{name}'"
            ) from None

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(
                f"'{_local_type_name(self)}' object attribute '__dict__' is read-only"
            )
        if _local_data_descriptor(type(self), name):
            object.__setattr__(self, name, value)
        else:
            _local_dict(self)[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(
                f"'{_local_type_name(self)}' object attribute '__dict__' is read-only"
            )
        if _local_data_descriptor(type(self), name):
            object.__delattr__(self, name)
            return
        d = _local_dict(self)
        if name not in d:
            raise AttributeError(
                f"'{_local_type_name(self)}' object has no attribute '{name}'"
            )
        del d[name]


local = _local


def _local_type_name(self):
    cls = type(self)
    return "_thread._local" if cls is _local else cls.__name__


def _local_data_descriptor(cls, name):
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = klass.__dict__[name]
            return hasattr(type(attr), "__set__") or hasattr(type(attr), "__delete__")
    return False


def _local_dict(self):
    dicts, args, kw, lock = object.__getattribute__(self, "_local__impl")
    me = current_thread()
    d = dicts.get(me)
    if d is not None:
        return d
    with lock:
        for t in [t for t in dicts if not t.is_alive()]:
            del dicts[t]
        d = dicts[me] = {}
    cls = type(self)
    if cls.__init__ is not object.__init__:
        cls.__init__(self, *args, **kw)
    return d
