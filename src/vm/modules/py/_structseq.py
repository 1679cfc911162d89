"""CPython's struct sequences (`time.struct_time`, `sys.float_info`, `sys.int_info`): a tuple
of the visible fields, named fields, and extra fields reached by name only (`tm_zone`).

gilvm cannot subclass `tuple`, so the sequence protocol is delegated to the tuple of visible
fields (as `collections.namedtuple` does); `isinstance(t, tuple)` is False here."""


class _StructSeq:
    _fields = ()
    n_sequence_fields = 0
    n_fields = 0
    n_unnamed_fields = 0

    def __init__(self, sequence, dict=None):
        name = type(self).__module__ + '.' + type(self).__name__
        seq = tuple(sequence)
        n = len(seq)
        lo = self.n_sequence_fields
        hi = self.n_fields
        if n < lo:
            if lo == hi:
                raise TypeError(f'{name}() takes a {lo}-sequence ({n}-sequence given)')
            raise TypeError(f'{name}() takes an at least {lo}-sequence ({n}-sequence given)')
        if n > hi:
            if lo == hi:
                raise TypeError(f'{name}() takes a {lo}-sequence ({n}-sequence given)')
            raise TypeError(f'{name}() takes an at most {hi}-sequence ({n}-sequence given)')
        extra = []
        for i in range(lo, hi):
            if i < n:
                extra.append(seq[i])
            elif dict is not None:
                extra.append(dict.get(self._fields[i]))
            else:
                extra.append(None)
        object.__setattr__(self, '_t', seq[:lo])
        object.__setattr__(self, '_x', tuple(extra))

    def __setattr__(self, name, value):
        if name in self._fields:
            raise AttributeError('readonly attribute')
        raise AttributeError(f"'{type(self).__module__}.{type(self).__name__}' object "
                             f"has no attribute '{name}'")

    def __repr__(self):
        name = type(self).__module__ + '.' + type(self).__name__
        parts = ', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self._t))
        return f'{name}({parts})'

    def __iter__(self):
        return iter(self._t)

    def __getitem__(self, i):
        return self._t[i]

    def __len__(self):
        return len(self._t)

    def __contains__(self, x):
        return x in self._t

    def __eq__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t == other

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t < other

    def __le__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t <= other

    def __gt__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t > other

    def __ge__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t >= other

    def __hash__(self):
        return hash(self._t)

    def __add__(self, other):
        if isinstance(other, _StructSeq):
            other = other._t
        return self._t + other

    def __radd__(self, other):
        return other + self._t

    def __mul__(self, n):
        return self._t * n

    __rmul__ = __mul__

    def count(self, x):
        return self._t.count(x)

    def index(self, x, *args):
        return self._t.index(x, *args)

    def __reduce__(self):
        return (type(self), (self._t,))


def _field(i, visible):
    if visible:
        return property(lambda self: self._t[i])
    return property(lambda self: self._x[i])


def make(module, name, fields, n_sequence_fields=None):
    """A struct sequence class `module.name` with `fields`, the first `n_sequence_fields`
    (all by default) of them visible in the sequence."""
    fields = tuple(fields)
    nseq = len(fields) if n_sequence_fields is None else n_sequence_fields
    ns = {
        '__module__': module,
        '_fields': fields,
        'n_sequence_fields': nseq,
        'n_fields': len(fields),
        'n_unnamed_fields': 0,
    }
    for i, f in enumerate(fields):
        ns[f] = _field(i if i < nseq else i - nseq, i < nseq)
    return type(name, (_StructSeq,), ns)
