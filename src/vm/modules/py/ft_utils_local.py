"""ft_utils.local: LocalWrapper, after Meta's ft_utils library.

The library wraps a shared object in a thread-local LocalWrapper so that using it does not
touch the shared object's reference count (contended in free-threaded CPython). gilvm's
reference counts are not the cost that shows here, so LocalWrapper is a transparent proxy:
attributes, items, iteration, calls, len, arithmetic, comparisons and str forward to the
wrapped object; repr is "<LocalWrapper: repr(wrapped)>"; an in-place operator rebinds the
wrapped object and returns the wrapper."""


def _unwrap(x):
    if type(x) is LocalWrapper:
        return x._wrapped
    return x


class LocalWrapper:
    def __init__(self, wrapped):
        object.__setattr__(self, "_wrapped", wrapped)

    @property
    def wrapped(self):
        return self._wrapped

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    def __setattr__(self, name, value):
        setattr(self._wrapped, name, value)

    def __delattr__(self, name):
        delattr(self._wrapped, name)

    def __repr__(self):
        return "<LocalWrapper: " + repr(self._wrapped) + ">"

    def __str__(self):
        return str(self._wrapped)

    def __format__(self, spec):
        return format(self._wrapped, spec)

    def __hash__(self):
        return hash(self._wrapped)

    def __call__(self, *args, **kwargs):
        return self._wrapped(*args, **kwargs)

    def __len__(self):
        return len(self._wrapped)

    def __getitem__(self, key):
        return self._wrapped[key]

    def __setitem__(self, key, value):
        self._wrapped[key] = value

    def __delitem__(self, key):
        del self._wrapped[key]

    def __contains__(self, item):
        return item in self._wrapped

    def __iter__(self):
        return iter(self._wrapped)

    def __next__(self):
        return next(self._wrapped)

    def __bool__(self):
        return bool(self._wrapped)

    def __int__(self):
        return int(self._wrapped)

    def __float__(self):
        return float(self._wrapped)

    def __index__(self):
        return self._wrapped.__index__()

    def __enter__(self):
        return self._wrapped.__enter__()

    def __exit__(self, *args):
        return self._wrapped.__exit__(*args)

    def __eq__(self, other):
        return self._wrapped == _unwrap(other)

    def __ne__(self, other):
        return self._wrapped != _unwrap(other)

    def __lt__(self, other):
        return self._wrapped < _unwrap(other)

    def __le__(self, other):
        return self._wrapped <= _unwrap(other)

    def __gt__(self, other):
        return self._wrapped > _unwrap(other)

    def __ge__(self, other):
        return self._wrapped >= _unwrap(other)

    def __neg__(self):
        return -self._wrapped

    def __pos__(self):
        return +self._wrapped

    def __abs__(self):
        return abs(self._wrapped)

    def __invert__(self):
        return ~self._wrapped

    def __add__(self, other):
        return self._wrapped + _unwrap(other)

    def __radd__(self, other):
        return other + self._wrapped

    def __sub__(self, other):
        return self._wrapped - _unwrap(other)

    def __rsub__(self, other):
        return other - self._wrapped

    def __mul__(self, other):
        return self._wrapped * _unwrap(other)

    def __rmul__(self, other):
        return other * self._wrapped

    def __truediv__(self, other):
        return self._wrapped / _unwrap(other)

    def __rtruediv__(self, other):
        return other / self._wrapped

    def __floordiv__(self, other):
        return self._wrapped // _unwrap(other)

    def __rfloordiv__(self, other):
        return other // self._wrapped

    def __mod__(self, other):
        return self._wrapped % _unwrap(other)

    def __rmod__(self, other):
        return other % self._wrapped

    def __divmod__(self, other):
        return divmod(self._wrapped, _unwrap(other))

    def __pow__(self, other):
        return self._wrapped ** _unwrap(other)

    def __rpow__(self, other):
        return other ** self._wrapped

    def __lshift__(self, other):
        return self._wrapped << _unwrap(other)

    def __rshift__(self, other):
        return self._wrapped >> _unwrap(other)

    def __and__(self, other):
        return self._wrapped & _unwrap(other)

    def __rand__(self, other):
        return other & self._wrapped

    def __or__(self, other):
        return self._wrapped | _unwrap(other)

    def __ror__(self, other):
        return other | self._wrapped

    def __xor__(self, other):
        return self._wrapped ^ _unwrap(other)

    def __rxor__(self, other):
        return other ^ self._wrapped

    # In-place operators: the wrapped object's own (which may mutate it in place, as a
    # list's += or an AtomicInt64's += do), then the wrapper holds the result.
    def __iadd__(self, other):
        w = self._wrapped
        w += _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __isub__(self, other):
        w = self._wrapped
        w -= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __imul__(self, other):
        w = self._wrapped
        w *= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __itruediv__(self, other):
        w = self._wrapped
        w /= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __ifloordiv__(self, other):
        w = self._wrapped
        w //= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __imod__(self, other):
        w = self._wrapped
        w %= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __ior__(self, other):
        w = self._wrapped
        w |= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __iand__(self, other):
        w = self._wrapped
        w &= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self

    def __ixor__(self, other):
        w = self._wrapped
        w ^= _unwrap(other)
        object.__setattr__(self, "_wrapped", w)
        return self
