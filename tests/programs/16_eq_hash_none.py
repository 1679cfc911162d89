# A class that defines __eq__ and not __hash__ gets __hash__ = None in its own dict, as
# CPython's type_new does: course code tests `obj.__hash__` before hashing.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


class HashedPoint(Point):
    def __hash__(self):
        return hash((self.x, self.y))


class EqAgain(HashedPoint):
    def __eq__(self, other):
        return super().__eq__(other)


class Plain:
    pass


print(Point.__hash__, "__hash__" in Point.__dict__, Point(1, 2).__hash__)
print("unhashable" if Point(1, 2).__hash__ is None else "hashable")
print(HashedPoint.__hash__ is not None, len({HashedPoint(1, 2), HashedPoint(1, 2)}))
print(EqAgain.__hash__, "__hash__" in Plain.__dict__, Plain.__hash__ is object.__hash__)
for cls in (Point, HashedPoint, EqAgain, Plain):
    try:
        hash(cls(1, 2) if cls is not Plain else cls())
        print(cls.__name__, "hashable")
    except TypeError as e:
        print(cls.__name__, e)
from collections.abc import Hashable
print([isinstance(c(1, 2), Hashable) for c in (Point, HashedPoint, EqAgain)])
