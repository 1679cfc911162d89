from dataclasses import dataclass
from types import SimpleNamespace


class Plain:
    def __init__(self, v):
        self.v = v


class Equal:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("Equal.__eq__", self.v)
        return isinstance(other, Equal) and other.v == self.v

    __hash__ = None


class Child(Equal):
    pass


class Later:
    def __init__(self, v):
        self.v = v


class Name(str):
    pass


@dataclass
class Point:
    x: int
    y: int


a, b = Plain(1), Plain(1)
print(a in [b], a in [b, a], [b, a].index(a), [a, b, a].count(a))
xs = [Plain(1), 3, "s", None, 2.5, a]
xs.remove(a)
print(len(xs), a in xs, 3 in xs, "s" in xs)
print(Equal(1) in [Plain(1), Equal(2), Equal(1)])
print(Child(5) in [Child(5)], [Plain(0), Child(7)].index(Child(7)))
lst = [Later(1), Later(2)]
print(Later(1) in lst)
Later.__eq__ = lambda self, other: isinstance(other, Later) and self.v == other.v
print(Later(1) in lst, lst.index(Later(2)))
print(Name("x") in ["x"], "x" in [Name("x")])
print(Point(1, 2) in [Point(1, 2)], [Point(0, 0), Point(1, 2)].index(Point(1, 2)))
print(SimpleNamespace(a=1) in [SimpleNamespace(a=1)])
e = ValueError("x")
print(e in [ValueError("x")], e in [e], KeyError("k") in [1, "k"])
try:
    [Plain(1)].remove(Plain(1))
except ValueError as err:
    print(err)
try:
    [Plain(1)].index(7)
except ValueError as err:
    print(err)
