"""Timing small pieces of code, after CPython's Lib/timeit.py (3.11).

`stmt` and `setup` must be callables (or 'pass'): gilvm has no `compile()`/`exec()` of source
strings at run time, so a string statement raises a ValueError that says so.
"""

import _time as time

default_timer = time.perf_counter
default_number = 1000000
default_repeat = 5


def _as_callable(what, name):
    if callable(what):
        return what
    if isinstance(what, str):
        if what.strip() in ('', 'pass'):
            return None
        raise ValueError(f"gilvm's timeit cannot run {name} given as a string (gilvm has "
                         f"no exec()): pass a callable, e.g. timeit.timeit(lambda: f(x))")
    raise ValueError(f"{name} is neither a string nor callable")


class Timer:
    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        self._stmt = _as_callable(stmt, 'stmt')
        self._setup = _as_callable(setup, 'setup')

    def timeit(self, number=default_number):
        if self._setup is not None:
            self._setup()
        stmt = self._stmt
        timer = self.timer
        if stmt is None:
            t0 = timer()
            for _ in range(number):
                pass
            return timer() - t0
        t0 = timer()
        for _ in range(number):
            stmt()
        return timer() - t0

    def repeat(self, repeat=default_repeat, number=default_number):
        r = []
        for i in range(repeat):
            t = self.timeit(number)
            r.append(t)
        return r

    def autorange(self, callback=None):
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number,
           globals=None):
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat,
           number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
