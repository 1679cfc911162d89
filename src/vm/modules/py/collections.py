"""Container datatypes, after CPython's Lib/collections/__init__.py (3.11).

`deque` is native (`_collections`, atomic appends and pops under threads).
`defaultdict`, `Counter` and `OrderedDict` are mappings that keep their items in a dict
(`isinstance(x, dict)` is False; they predate gilvm's subclasses of `dict`), while
`namedtuple` classes are tuple subclasses, as in CPython; everything a script does with
them through the mapping and sequence protocols, and their reprs, match CPython.
"""

from _collections import deque

_sentinel = object()


class _DictBase:
    """The mapping protocol over `self._data`, a dict."""

    def __init__(self, *args, **kwargs):
        self._data = {}
        self.update(*args, **kwargs)

    def update(self, *args, **kwargs):
        if len(args) > 1:
            raise TypeError(f'update expected at most 1 argument, got {len(args)}')
        if args:
            other = args[0]
            if isinstance(other, _DictBase):
                other = other._data
            if isinstance(other, dict) or hasattr(other, 'keys'):
                for k in other.keys():
                    self[k] = other[k]
            else:
                for k, v in other:
                    self[k] = v
        for k in kwargs:
            self[k] = kwargs[k]

    def __getitem__(self, key):
        v = self._data.get(key, _sentinel)
        if v is _sentinel:
            return self.__missing__(key)
        return v

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def __reversed__(self):
        return reversed(list(self._data))

    def __eq__(self, other):
        if isinstance(other, _DictBase):
            other = other._data
        return self._data == other

    def __ne__(self, other):
        return not self == other

    def __bool__(self):
        return bool(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, key, default=None):
        return self._data.get(key, default)

    def setdefault(self, key, default=None):
        return self._data.setdefault(key, default)

    def pop(self, key, *default):
        return self._data.pop(key, *default)

    def popitem(self):
        return self._data.popitem()

    def clear(self):
        self._data.clear()

    def __or__(self, other):
        new = self.copy()
        new.update(other)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


class defaultdict(_DictBase):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        _DictBase.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._data[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._data)

    __copy__ = copy

    def __repr__(self):
        return f"defaultdict({self.default_factory!r}, {self._data!r})"


class OrderedDict(_DictBase):
    def popitem(self, last=True):
        if not self._data:
            raise KeyError('dictionary is empty')
        key = next(reversed(list(self._data))) if last else next(iter(self._data))
        value = self._data.pop(key)
        return key, value

    def move_to_end(self, key, last=True):
        value = self._data.pop(key)
        if last:
            self._data[key] = value
        else:
            rest = self._data
            self._data = {key: value}
            self._data.update(rest)

    def copy(self):
        return OrderedDict(self._data)

    __copy__ = copy

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._data.items()) == list(other._data.items())
        return _DictBase.__eq__(self, other)

    def __repr__(self):
        if not self._data:
            return 'OrderedDict()'
        return f"OrderedDict({list(self._data.items())!r})"


class Counter(_DictBase):
    def __init__(self, iterable=None, /, **kwds):
        self._data = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._data.values())

    def most_common(self, n=None):
        # sorted() is stable: equal counts keep the order in which they were first seen.
        items = sorted(self._data.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:max(n, 0)]

    def elements(self):
        for elem, count in self._data.items():
            for _ in range(count):
                yield elem

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, _DictBase):
                iterable = iterable._data
            if isinstance(iterable, dict) or hasattr(iterable, 'keys'):
                data = self._data
                for elem in iterable.keys():
                    data[elem] = data.get(elem, 0) + iterable[elem]
            else:
                data = self._data
                for elem in iterable:
                    data[elem] = data.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, _DictBase):
                iterable = iterable._data
            data = self._data
            if isinstance(iterable, dict) or hasattr(iterable, 'keys'):
                for elem in iterable.keys():
                    data[elem] = data.get(elem, 0) - iterable[elem]
            else:
                for elem in iterable:
                    data[elem] = data.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return Counter(self)

    __copy__ = copy

    def __delitem__(self, elem):
        if elem in self._data:
            del self._data[elem]

    def __repr__(self):
        if not self._data:
            return 'Counter()'
        return f'Counter({dict(self.most_common())!r})'

    # CPython writes out the next six methods' loops one by one; here they share two helpers.
    def _combine(self, other, combine, others_own):
        """`self OP other`: combine(count, other[elem]) for each of self's elements, kept where
        positive; then, unless others_own is None, the elements only other has, through
        _positive (others_own: whether their counts are negated)."""
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = combine(count, other[elem])
            if newcount > 0:
                result[elem] = newcount
        if others_own is not None:
            _positive(result, other.items(), others_own, self)
        return result

    def __add__(self, other):
        return self._combine(other, lambda count, other_count: count + other_count, False)

    def __sub__(self, other):
        return self._combine(other, lambda count, other_count: count - other_count, True)

    def __or__(self, other):
        return self._combine(
            other, lambda count, other_count: other_count if count < other_count else count, False)

    def __and__(self, other):
        return self._combine(
            other, lambda count, other_count: count if count < other_count else other_count, None)

    def __pos__(self):
        return _positive(Counter(), self.items(), False)

    def __neg__(self):
        return _positive(Counter(), self.items(), True)


def _positive(result, items, negate, skip=()):
    """Puts into `result` each (elem, count) of items whose count is positive (with `negate`, each
    whose count is negative, as 0 - count), but for the elements in `skip`; returns result."""
    for elem, count in items:
        if elem in skip:
            continue
        if negate:
            if count < 0:
                result[elem] = 0 - count
        elif count > 0:
            result[elem] = count
    return result


_tuple_new = tuple.__new__


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = tuple(map(str, field_names))
    typename = str(typename)
    for name in (typename,) + field_names:
        if not name.isidentifier():
            raise ValueError('Type names and field names must be valid '
                             f'identifiers: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_') and not rename:
            raise ValueError('Field names cannot start with an underscore: '
                             f'{name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError('Got more default values than field names')
        field_defaults = dict(reversed(list(zip(reversed(field_names), reversed(defaults)))))
    num_fields = len(field_names)
    arg_list = ', '.join(field_names)

    def __new__(_cls, *args, **kwargs):
        if len(args) > num_fields:
            raise TypeError(f'{typename}.__new__() takes {num_fields + 1} positional '
                            f'arguments but {len(args) + 1} were given')
        values = list(args)
        for name in field_names[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                missing = [n for n in field_names[len(values):]
                           if n not in kwargs and n not in field_defaults]
                if len(missing) == 1:
                    raise TypeError(f"{typename}.__new__() missing 1 required positional "
                                    f"argument: '{missing[0]}'")
                names = ", ".join(f"'{n}'" for n in missing[:-1]) + f" and '{missing[-1]}'"
                raise TypeError(f"{typename}.__new__() missing {len(missing)} required "
                                f"positional arguments: {names}")
        for name in kwargs:
            if name in field_names:
                raise TypeError(f"{typename}.__new__() got multiple values for "
                                f"argument '{name}'")
            raise TypeError(f"{typename}.__new__() got an unexpected keyword "
                            f"argument '{name}'")
        return _tuple_new(_cls, values)

    def _make(cls, iterable):
        result = _tuple_new(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f'Expected {num_fields} arguments, got {len(result)}')
        return result

    def _replace(self, /, **kwds):
        result = self._make(map(kwds.pop, field_names, self))
        if kwds:
            raise ValueError(f'Got unexpected field names: {list(kwds)!r}')
        return result

    repr_fmt = '(' + ', '.join(f'{name}=%r' for name in field_names) + ')'

    def __repr__(self):
        return self.__class__.__name__ + repr_fmt % self

    def _asdict(self):
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        '__doc__': f'{typename}({arg_list})',
        '__slots__': (),
        '__new__': __new__,
        '_fields': field_names,
        '_field_defaults': field_defaults,
        '_make': classmethod(_make),
        '_replace': _replace,
        '__repr__': __repr__,
        '_asdict': _asdict,
        '__getnewargs__': __getnewargs__,
        '__match_args__': field_names,
    }
    for index, name in enumerate(field_names):
        namespace[name] = property(_itemgetter(index),
                                   doc=f'Alias for field number {index}')
    if module is not None:
        namespace['__module__'] = module
    return type(typename, (tuple,), namespace)


_nt_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__',
                            '_fields', '_field_defaults', '_make', '_replace',
                            '_asdict', '_source'})
_nt_special = frozenset({'__module__', '__name__', '__annotations__', '__qualname__'})


class _NamedTupleMeta(type):
    """typing.NamedTuple's metaclass, as CPython 3.11's: the class statement makes a
    namedtuple from the annotations, defaults and methods of its body."""

    def __new__(cls, typename, bases, ns):
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {field_name} "
                                f"cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} "
                                f"{', '.join(default_names)}")
        nm_tpl = namedtuple(typename, list(types),
                            defaults=[ns[n] for n in default_names],
                            module=ns.get('__module__', '__main__'))
        nm_tpl.__annotations__ = dict(types)
        for key in ns:
            if key in _nt_prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            elif key not in _nt_special and key not in nm_tpl._fields:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl

    def __call__(cls, typename, fields=None, /, **kwargs):
        if fields is None:
            fields = kwargs.items()
        fields = list(fields)
        nm_tpl = namedtuple(typename, [n for n, t in fields])
        nm_tpl.__annotations__ = dict(fields)
        return nm_tpl


_NamedTuple = type.__new__(_NamedTupleMeta, 'NamedTuple', (), {'__module__': 'typing'})


def _itemgetter(index):
    def get(self):
        return self[index]
    return get
