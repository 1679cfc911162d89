"""Processes as isolated interpreters, after CPython's Lib/multiprocessing (3.11), trimmed.

Each Process runs in an interpreter of its own, with its own GIL, on its own OS thread: its
state is a copy of the parent's __main__ taken at start(), as fork makes, and its arguments
are copied in as pickle would. Nothing is shared, so CPU-bound processes run in parallel even
under the GIL."""

import _gilvm_interp

_counter = 0
_current = None


def cpu_count():
    return _gilvm_interp.cpu_count()


class Process:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        global _counter
        assert group is None, "group argument must be None for now"
        _counter += 1
        self._identity = _counter
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs) if kwargs else {}
        self._name = name if name else "Process-%d" % _counter
        self._daemonic = bool(daemon)
        self._handle = None

    def __repr__(self):
        if self._handle is None:
            status = "initial"
        elif self.exitcode is None:
            status = "started"
        else:
            status = "stopped exitcode=%s" % self.exitcode
        return "<%s name=%r %s>" % (type(self).__name__, self._name, status)

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def _bootstrap(self):
        global _current
        _current = self
        try:
            self.run()
            return 0
        except SystemExit as e:
            if e.code is None:
                return 0
            if isinstance(e.code, int):
                return e.code
            import sys
            sys.stderr.write(str(e.code) + "\n")
            return 1
        except BaseException as e:
            _gilvm_interp._print_process_exception(self._name, e)
            return 1

    def start(self):
        if self._handle is not None:
            raise AssertionError("cannot start a process twice")
        self._handle = _gilvm_interp.spawn(self._bootstrap, (), {})

    def join(self, timeout=None):
        if self._handle is None:
            raise AssertionError("can only join a started process")
        self._handle.join(timeout)

    def is_alive(self):
        if self._handle is None:
            return False
        return not self._handle.join(0)

    @property
    def exitcode(self):
        if self._handle is None or not self._handle.join(0):
            return None
        return self._handle.result()

    @property
    def pid(self):
        return None if self._handle is None else self._handle.pid

    ident = pid

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        self._daemonic = bool(daemonic)


class _MainProcess:
    name = "MainProcess"
    pid = None
    daemon = False


def current_process():
    if _current is not None:
        return _current
    return _MainProcess()
