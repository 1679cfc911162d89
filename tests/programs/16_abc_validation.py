# Validating inputs with collections.abc: what kind of object did we get?
from collections.abc import (Iterable, Iterator, Sequence, MutableSequence, Mapping,
                             MutableMapping, Set, Hashable, Callable, Sized, Container,
                             Generator, Collection, Reversible)
import collections.abc as abc
import typing
from collections import namedtuple


def describe(value):
    kinds = []
    for abc_cls in (Mapping, MutableMapping, Sequence, MutableSequence, Set, Iterator,
                    Generator, Iterable, Sized, Container, Hashable, Callable):
        if isinstance(value, abc_cls):
            kinds.append(abc_cls.__name__)
    return f"{type(value).__name__}: {', '.join(kinds)}"


def gen():
    yield 1


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)


class Record:
    def __eq__(self, other):
        return True


Pt = namedtuple("Pt", "x y")
for v in [[1], (1,), "s", {1: 2}, {1}, frozenset(), range(3), iter([1]), gen(), 42, 1.5,
          None, len, print, Countdown(2), Bag(1, 2), Record(), Pt(1, 2), {}.keys(), lambda: 0]:
    print(describe(v))

print(issubclass(list, Sequence), issubclass(dict, Mapping), issubclass(set, Hashable),
      issubclass(Bag, Collection), issubclass(Countdown, Iterator), issubclass(str, Reversible))
print(issubclass(Sequence, Iterable), issubclass(MutableMapping, Sized), issubclass(int, Iterable))
print(isinstance([], typing.Iterable), isinstance({}, typing.Mapping), isinstance(3, typing.Sequence),
      isinstance([], typing.List), isinstance((), typing.Tuple), issubclass(list, typing.Sequence))


def total(values):
    if isinstance(values, Mapping):
        values = values.values()
    if not isinstance(values, Iterable):
        raise TypeError(f"expected an iterable, got {type(values).__name__}")
    return sum(values)


print(total([1, 2, 3]), total({"a": 4, "b": 5}), total(Countdown(3)), total(Bag(7, 8)))
try:
    total(5)
except TypeError as e:
    print("TypeError:", e)


def register(handler):
    if not isinstance(handler, Callable):
        raise TypeError(f"{handler!r} is not callable")
    return handler


register(print)
register(Countdown)
try:
    register("print")
except TypeError as e:
    print("TypeError:", e)


class Deck(abc.Sequence):
    def __init__(self):
        self.cards = [r + s for s in "SH" for r in "AK"]

    def __getitem__(self, i):
        return self.cards[i]

    def __len__(self):
        return len(self.cards)


d = Deck()
print(len(d), d[0], d[-1], isinstance(d, Sequence), isinstance(d, Iterable), isinstance(d, Sized))
print(isinstance(d, MutableSequence), issubclass(Deck, Reversible))
