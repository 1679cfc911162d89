# Introspection as a course shows it: the signatures of built-ins, of methods, of named
# tuples and of one's own functions, and the states of a generator.
import inspect
from collections import namedtuple
from typing import NamedTuple


def show(label, obj):
    try:
        print(f"{label:22} {inspect.signature(obj)}")
    except (ValueError, TypeError) as e:
        print(f"{label:22} {type(e).__name__}: {e}")


for f in [len, print, abs, sorted, divmod, isinstance, sum, round, pow, input, repr,
          format, chr, ord, any, all, setattr, hasattr, callable, hash, id, bin]:
    show(f.__name__, f)
for name in ["max", "min", "iter", "next", "getattr", "vars", "dir", "range", "zip"]:
    show(name, getattr(__builtins__, name) if not isinstance(__builtins__, dict) else __builtins__[name])

show("list", list)
show("tuple", tuple)
show("enumerate", enumerate)
show("float", float)
show("str.split", str.split)
show("str.replace", str.replace)
show("str.join", str.join)
show("'-'.join", "-".join)
show("' x '.strip", " x ".strip)
show("list.append", list.append)
show("[].append", [].append)
show("[].sort", [].sort)
show("list.pop", list.pop)
show("list.index", list.index)
show("dict.get", dict.get)
show("{}.get", {}.get)
show("{}.setdefault", {}.setdefault)
show("dict.fromkeys", dict.fromkeys)
show("set.add", set.add)
show("str.format", str.format)
show("int.to_bytes", int.to_bytes)

print(str.split.__qualname__, "".join.__qualname__, list.append.__qualname__, len.__qualname__)
print(repr(len.__text_signature__), repr(str.split.__text_signature__), max.__text_signature__)
print(repr(list.__text_signature__))

sig = inspect.signature(sorted)
for p in sig.parameters.values():
    print(" ", p.name, p.kind, p.default)
sig = inspect.signature(print)
print(sig.parameters["end"].default == "\n", sig.parameters["sep"].kind)
b = inspect.signature(divmod).bind(7, 2)
print(b.args)
try:
    inspect.signature(divmod).bind(x=7, y=2)
except TypeError as e:
    print("TypeError:", e)

Single = namedtuple("Single", "value")
show("Single", Single)
print(Single(3), Single.__doc__, Single.__new__.__doc__)
Point = namedtuple("Point", "x y")
Point3 = namedtuple("Point3", ["x", "y", "z"], defaults=[0])
show("Point", Point)
show("Point3", Point3)
show("Point.__new__", Point.__new__)
show("Point._make", Point._make)
show("Point._replace", Point._replace)
print(Point.__new__.__qualname__, Point._asdict.__qualname__, Point.__new__.__doc__)
print(Point3(1, 2), Point3(1, 2, 3), Point(y=2, x=1))
for args, kwargs in [((1,), {}), ((1, 2, 3), {}), ((1,), {"x": 2}), ((1, 2), {"w": 0}), ((), {})]:
    try:
        Point(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)


class Employee(NamedTuple):
    name: str
    dept: str = "sales"
    salary: float = 0.0


show("Employee", Employee)
print(Employee("ann"))


def grade(score: float, *, curve: int = 0, **extra) -> str:
    return "A" if score + curve >= 90 else "B"


show("grade", grade)


def countdown(n):
    while n > 0:
        yield n
        n -= 1


g = countdown(2)
print(inspect.getgeneratorstate(g))
print(next(g), inspect.getgeneratorstate(g))
print(list(g), inspect.getgeneratorstate(g))
h = countdown(3)
h.close()
print(inspect.getgeneratorstate(h))
k = countdown(3)
next(k)
k.close()
print(inspect.getgeneratorstate(k))


def watcher():
    print("inside:", inspect.getgeneratorstate(w))
    yield 1


w = watcher()
print(next(w), inspect.getgeneratorstate(w))
