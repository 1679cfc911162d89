# A Vector namedtuple with arithmetic, and the tuple behaviour namedtuples keep.
from collections import namedtuple
import math

_VectorBase = namedtuple("Vector", ["x", "y"])


class Vector(_VectorBase):
    __slots__ = ()

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __abs__(self):
        return math.hypot(self.x, self.y)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


a = Vector(3, 4)
b = Vector(1, -2)
print(a, b, a + b, a - b, a * 2, 3 * b, abs(a), a.dot(b))
print(a[0], a[1], a.x, a.y, len(a), list(a), tuple(a), a == (3, 4), a == Vector(3, 4))
x, y = a
print(x, y, [*a, *b], "(%d, %d)" % a, max(a), sum(b))
print(hash(a) == hash((3, 4)), {a: "a"}[(3, 4)], isinstance(a, tuple), Vector._fields)
print(a._replace(y=0), a._asdict(), Vector._make([7, 8]), a.count(3), a.index(4))
print(sorted([Vector(2, 1), Vector(1, 5), Vector(1, 2)]))

Point = namedtuple("Point", "x y z", defaults=[0])
p = Point(1, 2)
print(p, Point(1, 2, 3), p._field_defaults, p + (9,), p * 2, p[::-1], p[1:])
print(Point(z=5, y=1, x=0), type(p).__mro__, repr(Point._make("abc")))
Card = namedtuple("Card", ["rank", "suit"])
deck = [Card(r, s) for s in "SH" for r in "AK"]
print(deck, sorted(deck)[0], deck[0].rank, f"{deck[1]}")
for rank, suit in deck:
    print(rank + suit, end=" ")
print()
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    p._replace(w=1)
except ValueError as e:
    print("ValueError:", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError")
