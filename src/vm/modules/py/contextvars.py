"""`contextvars` (PEP 567; CPython's C module `_contextvars`), written for gilvm in Python.

Each thread has a context of its own, as in CPython: a new thread starts with an empty one.
A context is a mapping from `ContextVar` to value; `Context.run` makes a context the current
one for the call. Used by `decimal` for its current context. Contexts are not copied into
asyncio tasks (gilvm's asyncio runs its tasks in the thread's context)."""

from threading import local as _local

__all__ = ("Context", "ContextVar", "Token", "copy_context")

_MISSING = object()

# Each thread's current Context, in a threading.local (which tells a new thread from an
# ended one whose ident it reuses).
_state = _local()


def _current():
    ctx = getattr(_state, "context", None)
    if ctx is None:
        ctx = _state.context = Context()
    return ctx


def _set_current(ctx):
    _state.context = ctx


class Context:
    """A mapping of context variables to their values (CPython's `contextvars.Context`)."""

    __slots__ = ("_data", "_entered")

    def __init__(self):
        self._data = {}
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(
                f"cannot enter context: {self} is already entered")
        saved = _current()
        self._entered = True
        _set_current(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _set_current(saved)
            self._entered = False

    def copy(self):
        new = Context()
        new._data = dict(self._data)
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


def copy_context():
    """A copy of the current thread's context."""
    return _current().copy()


class ContextVar:
    """A context variable (CPython's `contextvars.ContextVar`)."""

    __slots__ = ("_name", "_default")

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError(
                f"get expected at most 1 argument, got {len(args)}")
        data = _current()._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        data = ctx._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(
                f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(
                f"{token!r} was created by a different ContextVar")
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(
                f"{token!r} was created in a different Context")
        if token._old_value is Token.MISSING:
            ctx._data.pop(self, None)
        else:
            ctx._data[self] = token._old_value
        token._used = True

    def __class_getitem__(cls, item):
        return cls

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        r = f"<ContextVar name={self._name!r}"
        if self._default is not _MISSING:
            r += f" default={self._default!r}"
        return r + f" at 0x{id(self):x}>"


class _Missing:
    __slots__ = ()

    def __repr__(self):
        return "<Token.MISSING>"


class Token:
    """What `ContextVar.set` returns, for `ContextVar.reset` (CPython's `contextvars.Token`)."""

    __slots__ = ("_ctx", "_var", "_old_value", "_used")

    MISSING = _Missing()

    def __init__(self, ctx, var, old_value):
        self._ctx = ctx
        self._var = var
        self._old_value = old_value
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old_value

    def __class_getitem__(cls, item):
        return cls

    def __repr__(self):
        used = " used" if self._used else ""
        return f"<Token{used} var={self._var!r} at 0x{id(self):x}>"
