"""copy: shallow and deep copy, as CPython's Lib/copy.py (without __reduce__)."""


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, bytes, type, range, type(len), type(Ellipsis))


def _is_atomic(x):
    if isinstance(x, _atomic):
        return True
    return callable(x) and type(x).__name__ in ("function", "builtin_function_or_method")


def copy(x):
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    if cls is bytearray:
        return bytearray(x)
    cp = getattr(cls, "__copy__", None)
    if cp is not None:
        return cp(x)
    return _reconstruct_instance(x, None, False)


def deepcopy(x, memo=None, _nil=[]):
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        # A tuple that refers to itself may already have been copied.
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    elif cls is bytearray:
        y = bytearray(x)
    else:
        dc = getattr(x, "__deepcopy__", None)
        if dc is not None and not isinstance(x, type):
            y = dc(memo)
        else:
            y = _reconstruct_instance(x, memo, True)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct_instance(x, memo, deep):
    # What copyreg's __reduce_ex__ gives: cls.__new__(cls) (an exception: cls(*args)),
    # then the state (__dict__ and slots).
    cls = type(x)
    if cls.__name__ == "deque" and cls.__module__ == "collections":
        items = list(x)
        if deep:
            y = cls([], x.maxlen)
            memo[id(x)] = y
            y.extend(deepcopy(items, memo))
            return y
        return cls(items, x.maxlen)
    # A subclass of a built-in type, as copyreg's `__reduce_ex__(4)` rebuilds it: an
    # immutable one through `cls.__new__(cls, *x.__getnewargs__())`, a set through
    # `cls(items)`, a list or dict empty, its items appended or stored after the state.
    items_of = None
    if isinstance(x, BaseException):
        args = deepcopy(x.args, memo) if deep else x.args
        y = cls(*args)
    elif isinstance(x, (int, float, str, tuple, frozenset)):
        gna = getattr(x, "__getnewargs__", None)
        if gna is not None:
            args = gna()
        else:
            base = next(b for b in (int, float, str, tuple, frozenset) if isinstance(x, b))
            args = (base(x),)
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    elif isinstance(x, set):
        items = list(x)
        y = cls(deepcopy(items, memo) if deep else items)
    elif isinstance(x, (list, dict)):
        y = cls.__new__(cls)
        items_of = list if isinstance(x, list) else dict
    elif not hasattr(x, "__dict__") and not hasattr(cls, "__slots__"):
        raise Error("un(%s)copyable object of type %s" % ("deep" if deep else "shallow", cls))
    else:
        new = getattr(cls, "__new__", None)
        if new is None or new is object.__new__:
            y = object.__new__(cls)
        else:
            y = new(cls)
    if deep:
        memo[id(x)] = y
    state = getattr(x, "__dict__", None)
    if state is not None:
        gs = getattr(cls, "__getstate__", None)
        if gs is not None and gs is not getattr(object, "__getstate__", None):
            state = gs(x)
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            for k, v in state.items():
                object.__setattr__(y, k, v)
    for klass in cls.__mro__:
        for name in klass.__dict__.get("__slots__", ()):
            if name in ("__dict__", "__weakref__"):
                continue
            if hasattr(x, name):
                v = getattr(x, name)
                if deep:
                    v = deepcopy(v, memo)
                object.__setattr__(y, name, v)
    if items_of is list:
        for item in x:
            y.append(deepcopy(item, memo) if deep else item)
    elif items_of is dict:
        for key, value in x.items():
            if deep:
                key, value = deepcopy(key, memo), deepcopy(value, memo)
            y[key] = value
    return y


__all__ = ["Error", "copy", "deepcopy"]
