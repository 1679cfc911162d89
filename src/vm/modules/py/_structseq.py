"""CPython's struct sequences (`time.struct_time`, `sys.float_info`, `sys.int_info`): a tuple
of the visible fields, named fields, and extra fields reached by name only (`tm_zone`).

As in CPython, a struct sequence is a tuple subclass: the tuple holds the visible fields, and
the extra ones are kept beside it."""


class _StructSeq(tuple):
    _fields = ()
    n_sequence_fields = 0
    n_fields = 0
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        name = cls.__module__ + '.' + cls.__name__
        seq = tuple(sequence)
        n = len(seq)
        lo = cls.n_sequence_fields
        hi = cls.n_fields
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
                extra.append(dict.get(cls._fields[i]))
            else:
                extra.append(None)
        self = tuple.__new__(cls, seq[:lo])
        object.__setattr__(self, '_x', tuple(extra))
        return self

    def __setattr__(self, name, value):
        if name in self._fields:
            raise AttributeError('readonly attribute')
        raise AttributeError(f"'{type(self).__module__}.{type(self).__name__}' object "
                             f"has no attribute '{name}'")

    def __repr__(self):
        name = type(self).__module__ + '.' + type(self).__name__
        parts = ', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self))
        return f'{name}({parts})'

    def __reduce__(self):
        return (type(self), (tuple(self),))


def _field(i, visible):
    if visible:
        return property(lambda self: tuple.__getitem__(self, i))
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
    # The methods are copied, so the MRO is CPython's (the class, `tuple`, `object`).
    for k in ('__new__', '__setattr__', '__repr__', '__reduce__'):
        ns[k] = _StructSeq.__dict__[k]
    return type(name, (tuple,), ns)
