"""atexit: functions run when the program ends (CPython's C module Modules/atexitmodule.c,
written in Python for gilvm; its frames are hidden from tracebacks like a C module's).

The interpreter calls `_run_exitfuncs` once every non-daemon thread has ended, before it
closes `__main__`'s generators and flushes open files, as `Py_FinalizeEx` does. A child of
`multiprocessing` leaves as a forked CPython child does (by `os._exit`): it runs none."""

# Registered callbacks, oldest first: (func, args, kwargs), or None where `unregister`
# removed one (CPython's array keeps its count, as `_ncallbacks()` shows).
_callbacks = []


def register(func, /, *args, **kwargs):
    """Register a function to be executed upon normal program termination

    func - function to be called at exit
    args - optional arguments to pass to func
    kwargs - optional keyword arguments to pass to func

    func is returned to facilitate usage as a decorator."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _callbacks.append((func, args, kwargs))
    return func


def unregister(func, /):
    """Unregister an exit function which was previously registered using
    atexit.register

    func - function to be unregistered"""
    for i, cb in enumerate(_callbacks):
        if cb is not None and cb[0] == func:
            _callbacks[i] = None


def _clear():
    """Clear the list of previously registered exit functions."""
    _callbacks.clear()


def _ncallbacks():
    """Return the number of registered exit functions."""
    return len(_callbacks)
