"""Iterator building blocks, after the pure-Python equivalents in CPython 3.11's itertools
documentation. Most are generators here (CPython's are C types), so their reprs differ; `count`
and `repeat` are classes with CPython's reprs, since scripts print those.
"""

from _collections import deque


class count:
    def __init__(self, start=0, step=1):
        for v in (start, step):
            if not isinstance(v, (int, float)):
                raise TypeError("a number is required")
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if isinstance(self._step, int) and self._step == 1:
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


class repeat:
    def __init__(self, object, times=None):
        self._object = object
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return max(self._times, 0)

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {max(self._times, 0)})"


def cycle(iterable):
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    while saved:
        for element in saved:
            yield element


def _islice_arg(v, what):
    if v is None:
        return None
    if isinstance(v, int) and v >= 0:
        return int(v)
    if what == 'Stop':
        raise ValueError("Stop argument for islice() must be None or an integer: "
                         "0 <= x <= sys.maxsize.")
    raise ValueError("Indices for islice() must be None or an integer: "
                     "0 <= x <= sys.maxsize.")


def islice(iterable, *args):
    if len(args) == 0:
        raise TypeError("islice expected at least 2 arguments, got 1")
    if len(args) > 3:
        raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
    if len(args) == 1:
        start, stop, step = None, args[0], None
    else:
        start, stop = args[0], args[1]
        step = args[2] if len(args) == 3 else None
    stop = _islice_arg(stop, 'Stop')
    start = _islice_arg(start, 'Indices')
    if start is None:
        start = 0
    if step is None:
        step = 1
    elif not isinstance(step, int) or step <= 0:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice_gen(iter(iterable), start, stop, step)


def _islice_gen(it, start, stop, step):
    nexti = start
    i = 0
    while stop is None or i < stop:
        if i == nexti:
            try:
                element = next(it)
            except StopIteration:
                return
            yield element
            nexti += step
        else:
            try:
                next(it)
            except StopIteration:
                return
        i += 1
    # CPython consumes nothing past stop.


def _chain(iterables):
    for it in iterables:
        for element in it:
            yield element


class chain:
    def __init__(self, *iterables):
        self._gen = _chain(iterables)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)

    @classmethod
    def from_iterable(cls, iterables):
        c = cls()
        c._gen = _chain(iterables)
        return c


def product(*iterables, repeat=1):
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat
    return _product_gen(pools)


def _product_gen(pools):
    # An odometer over the pools: lazy, so a large product is not built in memory.
    n = len(pools)
    for pool in pools:
        if not pool:
            return
    indices = [0] * n
    current = [pool[0] for pool in pools]
    while True:
        yield tuple(current)
        i = n - 1
        while i >= 0:
            pool = pools[i]
            k = indices[i] + 1
            if k < len(pool):
                indices[i] = k
                current[i] = pool[k]
                break
            indices[i] = 0
            current[i] = pool[0]
            i -= 1
        if i < 0:
            return


def accumulate(iterable, func=None, *, initial=None):
    return _accumulate_gen(iter(iterable), func, initial)


def _accumulate_gen(it, func, initial):
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = total + element if func is None else func(total, element)
        yield total


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r < 0:
        raise ValueError("r must be non-negative")
    return _permutations_gen(pool, n, r)


def _permutations_gen(pool, n, r):
    if r > n:
        return
    indices = list(range(n))
    cycles = list(range(n, n - r, -1))
    yield tuple(pool[i] for i in indices[:r])
    while n:
        for i in reversed(range(r)):
            cycles[i] -= 1
            if cycles[i] == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
            else:
                j = cycles[i]
                indices[i], indices[-j] = indices[-j], indices[i]
                yield tuple(pool[i] for i in indices[:r])
                break
        else:
            return


def combinations(iterable, r):
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    return _combinations_gen(pool, len(pool), r)


def _combinations_gen(pool, n, r):
    if r > n:
        return
    indices = list(range(r))
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != i + n - r:
                break
        else:
            return
        indices[i] += 1
        for j in range(i + 1, r):
            indices[j] = indices[j - 1] + 1
        yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r < 0:
        raise ValueError("r must be non-negative")
    return _cwr_gen(pool, n, r)


def _cwr_gen(pool, n, r):
    if not n and r:
        return
    indices = [0] * r
    yield tuple(pool[i] for i in indices)
    while True:
        for i in reversed(range(r)):
            if indices[i] != n - 1:
                break
        else:
            return
        indices[i:] = [indices[i] + 1] * (r - i)
        yield tuple(pool[i] for i in indices)


def zip_longest(*args, fillvalue=None):
    return _zip_longest_gen([iter(it) for it in args], fillvalue)


def _zip_longest_gen(iterators, fillvalue):
    num_active = len(iterators)
    if not num_active:
        return
    while True:
        values = []
        for i, it in enumerate(iterators):
            try:
                value = next(it)
            except StopIteration:
                num_active -= 1
                if not num_active:
                    return
                iterators[i] = repeat(fillvalue)
                value = fillvalue
            values.append(value)
        yield tuple(values)


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def takewhile(predicate, iterable):
    for x in iterable:
        if predicate(x):
            yield x
        else:
            break


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def filterfalse(predicate, iterable):
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


def compress(data, selectors):
    return (d for d, s in zip(data, selectors) if s)


def pairwise(iterable):
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b


_NULL = object()


def _same(a, b):
    # PyObject_RichCompareBool: identity first, then ==.
    return a is b or bool(a == b)


class groupby:
    """CPython's `groupby` (Modules/itertoolsmodule.c): lazy, one group at a time; a group
    is over once the groupby has moved past it."""

    def __init__(self, iterable, key=None):
        self.it = iter(iterable)
        self.keyfunc = key
        self.tgtkey = self.currkey = self.currvalue = _NULL
        self.currgrouper = None

    def __iter__(self):
        return self

    def _step(self):
        newvalue = next(self.it)
        newkey = newvalue if self.keyfunc is None else self.keyfunc(newvalue)
        self.currvalue = newvalue
        self.currkey = newkey

    def __next__(self):
        self.currgrouper = None
        while True:
            if self.currkey is _NULL:
                pass
            elif self.tgtkey is _NULL:
                break
            elif not _same(self.tgtkey, self.currkey):
                break
            self._step()
        self.tgtkey = self.currkey
        grouper = _grouper(self, self.tgtkey)
        self.currgrouper = grouper
        return (self.currkey, grouper)


class _grouper:
    def __init__(self, parent, tgtkey):
        self.parent = parent
        self.tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        gbo = self.parent
        if gbo.currgrouper is not self:
            raise StopIteration
        if gbo.currvalue is _NULL:
            gbo._step()
        if not _same(self.tgtkey, gbo.currkey):
            raise StopIteration
        r = gbo.currvalue
        gbo.currvalue = _NULL
        return r


def tee(iterable, n=2):
    # The recipe from CPython's documentation: values are buffered only until every copy
    # has seen them, so tee works on infinite iterators.
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    deques = [deque() for _ in range(n)]

    def gen(mydeque):
        while True:
            if not mydeque:
                try:
                    newval = next(it)
                except StopIteration:
                    return
                for d in deques:
                    d.append(newval)
            yield mydeque.popleft()

    return tuple(gen(d) for d in deques)
