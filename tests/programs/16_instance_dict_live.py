# `obj.__dict__` is the instance's own dict: writes through it are attributes, as a course
# shows with `__setattr__`, `self.__dict__.update(kwargs)` and `vars()`.
import copy
import gc


class Record:
    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"Record({inner})"


r = Record(name="Ada", year=1815)
print(r.name, r.year, r)
vars(r)["field"] = "maths"
print(r.field, "field" in r.__dict__, r.__dict__ is r.__dict__, r.__dict__ is vars(r))
del r.__dict__["year"]
print(hasattr(r, "year"), sorted(r.__dict__))
r.__dict__.clear()
print(r, hasattr(r, "name"))


class Logged:
    """Every attribute store is printed, then made through the instance dict."""

    def __init__(self):
        self.count = 0

    def __setattr__(self, name, value):
        print(f"  set {name} = {value!r}")
        self.__dict__[name] = value

    def __delattr__(self, name):
        print(f"  del {name}")
        del self.__dict__[name]


log = Logged()
for i in range(3):
    log.count += 1
log.label = "x"
del log.label
print(log.count, log.__dict__)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
total = 0
for i in range(50):
    total += p.x  # read on the fast path
    if i == 25:
        p.__dict__["x"] = 100  # changed behind its back
print(total, p.x)
p.__dict__.setdefault("z", 7)
print(p.z, p.__dict__.pop("y"), hasattr(p, "y"))
d = p.__dict__
p.x = -1
print(d["x"], d)

q = copy.copy(p)
q.x = 5
print(p.x, q.x, q.__dict__ is p.__dict__)
deep = copy.deepcopy(Record(items=[1, [2, 3]]))
print(deep)

# The cycle collector sees an exported dict as an object of its own.
gc.collect()
a = Point(0, 0)
a.me = a
ad = a.__dict__
del a
print(gc.collect() >= 0, type(ad["me"]).__name__, ad["me"].__dict__ is ad)
ad.clear()
del ad
print(gc.collect() >= 0)


class Node:
    pass


def make_cycles(n):
    for _ in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.__dict__["other"] = a
        a.__dict__


gc.collect()
make_cycles(100)
found = gc.collect()
print("collected cycles:", found >= 200)


class Err(Exception):
    pass


e = Err("boom")
e.note = "kept"
e.args = (e,)
ed = e.__dict__
del e
gc.collect()
print(ed)


class Slotted:
    __slots__ = ("a",)


s = Slotted()
try:
    s.__dict__
except AttributeError as exc:
    print("AttributeError:", exc)
