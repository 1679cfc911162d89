"""Higher-order functions, after CPython's Lib/functools.py (3.11): partial, reduce,
update_wrapper/wraps, lru_cache/cache, cached_property, total_ordering, cmp_to_key.

lru_cache returns a plain function (with cache_info, cache_clear and cache_parameters set on
it) rather than a `_lru_cache_wrapper` object, so that it binds as a method; hits and misses
are atomic counters (`_functools.counter`), so they add up in threaded and free-threaded runs.
"""

import _functools
import _thread

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__')
WRAPPER_UPDATES = ('__dict__',)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        # gilvm's function __dict__ is a copy: set the entries one by one.
        try:
            entries = getattr(wrapped, attr)
        except AttributeError:
            continue
        for k in entries:
            if k != '__doc__':
                setattr(wrapper, k, entries[k])
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


class partial:
    """New function with partial application of the given arguments and keywords."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args, **keywords)

    def __repr__(self):
        args = [repr(self.func)]
        args.extend(repr(x) for x in self.args)
        args.extend(f"{k}={v!r}" for (k, v) in self.keywords.items())
        return "functools.partial(" + ", ".join(args) + ")"


class _CacheInfo:
    """CacheInfo(hits, misses, maxsize, currsize), a named tuple in CPython."""

    _fields = ('hits', 'misses', 'maxsize', 'currsize')

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def _tuple(self):
        return (self.hits, self.misses, self.maxsize, self.currsize)

    def __iter__(self):
        return iter(self._tuple())

    def __getitem__(self, i):
        return self._tuple()[i]

    def __len__(self):
        return 4

    def __eq__(self, other):
        if isinstance(other, _CacheInfo):
            other = other._tuple()
        return self._tuple() == other

    def __hash__(self):
        return hash(self._tuple())

    def __repr__(self):
        return (f"CacheInfo(hits={self.hits!r}, misses={self.misses!r}, "
                f"maxsize={self.maxsize!r}, currsize={self.currsize!r})")


_kwd_mark = object()


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += (_kwd_mark,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


def lru_cache(maxsize=128, typed=False):
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_cache_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        return _lru_cache_wrapper(user_function, maxsize, typed)

    return decorating_function


def _lru_cache_wrapper(user_function, maxsize, typed):
    cache = {}
    hits = _functools.counter()
    misses = _functools.counter()
    # Only the bounded cache's reordering and eviction need a lock: the dict guards itself,
    # and the counters are atomic.
    lock = _thread.allocate_lock()
    sentinel = object()
    fast_types = (int, str)

    if maxsize == 0:
        def wrapper(*args, **kwds):
            misses.incr()
            return user_function(*args, **kwds)
    elif maxsize is None:
        def wrapper(*args, **kwds):
            if not kwds and len(args) == 1 and not typed and type(args[0]) in fast_types:
                key = args[0]
            else:
                key = _make_key(args, kwds, typed)
            result = cache.get(key, sentinel)
            if result is not sentinel:
                hits.incr()
                return result
            misses.incr()
            result = user_function(*args, **kwds)
            cache[key] = result
            return result
    else:
        def wrapper(*args, **kwds):
            if not kwds and len(args) == 1 and not typed and type(args[0]) in fast_types:
                key = args[0]
            else:
                key = _make_key(args, kwds, typed)
            with lock:
                result = cache.get(key, sentinel)
                if result is not sentinel:
                    # Most recently used goes last: dicts keep insertion order.
                    del cache[key]
                    cache[key] = result
                    hits.incr()
                    return result
            misses.incr()
            result = user_function(*args, **kwds)
            with lock:
                if key not in cache:
                    if len(cache) >= maxsize:
                        del cache[next(iter(cache))]
                    cache[key] = result
            return result

    def cache_info():
        with lock:
            return _CacheInfo(hits.get(), misses.get(), maxsize, len(cache))

    def cache_clear():
        with lock:
            cache.clear()
            hits.reset()
            misses.reset()

    def cache_parameters():
        return {'maxsize': maxsize, 'typed': typed}

    update_wrapper(wrapper, user_function)
    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = cache_parameters
    return wrapper


def cache(user_function):
    return lru_cache(maxsize=None)(user_function)


_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance, then kept in the instance's __dict__ (a
    non-data descriptor, so the stored value shadows it), as CPython's."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                f"({self.attrname!r} and {name!r})."
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError(
                "Cannot use cached_property instance without calling __set_name__ on it.")
        try:
            cache = instance.__dict__
        except AttributeError:
            msg = (
                f"No '__dict__' attribute on {type(instance).__name__!r} "
                f"instance to cache {self.attrname!r} property."
            )
            raise TypeError(msg) from None
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            try:
                cache[self.attrname] = val
            except TypeError:
                msg = (
                    f"The '__dict__' attribute on {type(instance).__name__!r} instance "
                    f"does not support item assignment for caching {self.attrname!r} property."
                )
                raise TypeError(msg) from None
        return val


def total_ordering(cls):
    d = cls.__dict__
    roots = [op for op in ('__lt__', '__le__', '__gt__', '__ge__')
             if op in d and d[op] is not getattr(object, op, None)]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = roots[0]

    # Each missing operator calls the root on the same operands, passes NotImplemented on,
    # and completes the root's answer r in one of these ways (CPython's twelve
    # `_X_from_Y` functions, grouped by how they finish).
    def opposite_strict(r, a, b):
        return not r and a != b

    def same_or_equal(r, a, b):
        return r or a == b

    def opposite(r, a, b):
        return not r

    def opposite_or_equal(r, a, b):
        return not r or a == b

    def same_and_unequal(r, a, b):
        return r and a != b

    def derive(finish):
        def derived(self, other):
            op_result = getattr(type(self), root)(self, other)
            if op_result is NotImplemented:
                return op_result
            return finish(op_result, self, other)
        return derived

    convert = {
        '__lt__': [('__gt__', opposite_strict), ('__le__', same_or_equal), ('__ge__', opposite)],
        '__le__': [('__ge__', opposite_or_equal), ('__lt__', same_and_unequal), ('__gt__', opposite)],
        '__gt__': [('__lt__', opposite_strict), ('__ge__', same_or_equal), ('__le__', opposite)],
        '__ge__': [('__le__', opposite_or_equal), ('__gt__', same_and_unequal), ('__lt__', opposite)],
    }
    for opname, finish in convert[root]:
        if opname not in roots:
            setattr(cls, opname, derive(finish))
    return cls


def cmp_to_key(mycmp):
    class K:
        __slots__ = ['obj']

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

    return K


def _find_impl(cls, registry):
    # CPython merges the ABCs a class is registered with into its MRO (_compose_mro); here
    # the class's own MRO comes first, then the registered ABCs it is a subclass of, then
    # object.
    mro = getattr(cls, '__mro__', (cls, object))
    for t in mro:
        if t is not object and t in registry:
            return registry[t]
    for t in registry:
        if t is not object and t not in mro:
            try:
                if issubclass(cls, t):
                    return registry[t]
            except TypeError:
                pass
    return registry.get(object)


def singledispatch(func):
    """A function that dispatches on the class of its first argument (PEP 443)."""
    registry = {}
    dispatch_cache = {}

    def dispatch(cls):
        try:
            return dispatch_cache[cls]
        except KeyError:
            impl = _find_impl(cls, registry)
            dispatch_cache[cls] = impl
            return impl

    def _is_valid_dispatch_type(cls):
        return isinstance(cls, type)

    def register(cls, func=None):
        if _is_valid_dispatch_type(cls):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError(
                    f"Invalid first argument to `register()`. "
                    f"{cls!r} is not a class or union type."
                )
            ann = getattr(cls, '__annotations__', {})
            if not ann:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    f"Use either `@register(some_class)` or plain `@register` "
                    f"on an annotated function."
                )
            func = cls
            from typing import get_type_hints
            argname, cls = next(iter(get_type_hints(func).items()))
            if not _is_valid_dispatch_type(cls):
                raise TypeError(
                    f"Invalid annotation for {argname!r}. "
                    f"{cls!r} is not a class."
                )
        registry[cls] = func
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least '
                            '1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper


class singledispatchmethod:
    """singledispatch for methods: dispatches on the first argument after self."""

    def __init__(self, func):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        self.dispatcher = singledispatch(func)
        self.func = func

    def register(self, cls, method=None):
        return self.dispatcher.register(cls, func=method)

    def __get__(self, obj, cls=None):
        def _method(*args, **kwargs):
            method = self.dispatcher.dispatch(args[0].__class__)
            # A native function has no __get__ in gilvm: bind it by hand.
            if hasattr(method, '__get__'):
                method = method.__get__(obj, cls)
            elif obj is not None:
                method = partial(method, obj)
            return method(*args, **kwargs)

        _method.register = self.register
        update_wrapper(_method, self.func)
        return _method
