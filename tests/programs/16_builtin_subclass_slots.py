# __slots__ on subclasses of built-in types and namedtuples: no __dict__, as in CPython.
from collections import namedtuple
from typing import NamedTuple
P = namedtuple("P", "x y")
p = P(1, 2)
for f in [lambda: p.__dict__, lambda: setattr(p, "z", 3), lambda: vars(p)]:
    try:
        print(f())
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)
class Q(NamedTuple):
    a: int
    def double(self):
        return Q(self.a * 2)
print(Q(2).double(), hasattr(Q(1), "__dict__"))
class T(tuple):
    __slots__ = ()
t = T((1,))
try:
    t.w = 1
except AttributeError as e:
    print(e)
class U(list):
    __slots__ = ("tag",)
u = U([1])
u.tag = "t"
print(u, u.tag, hasattr(u, "__dict__"))
try:
    u.other = 1
except AttributeError as e:
    print(e)
class V(P):
    pass
v = V(1, 2)
v.extra = 5
print(v, v.extra, v.__dict__)
