# Shapes with an abstract base class, __slots__, class-level registries and closures.
from abc import ABC, abstractmethod
import math


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count
    return bump


next_id = counter()


class Shape(ABC):
    registry = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Shape.registry[cls.__name__.lower()] = cls

    def __init__(self):
        self.id = next_id()

    @abstractmethod
    def area(self): ...

    def __lt__(self, other):
        return self.area() < other.area()

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k != "id")
        return f"{type(self).__name__}#{self.id}({fields})"


class Circle(Shape):
    def __init__(self, r):
        super().__init__()
        self.r = r

    def area(self):
        return math.pi * self.r ** 2


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__()
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __iter__(self):
        yield self.x
        yield self.y


shapes = [Circle(1.5), Rect(2, 5), Square(3), Circle(0.5)]
for s in sorted(shapes):
    print(f"{s!r:32} area={s.area():8.3f}")
print(sorted(Shape.registry), Shape.registry["square"].__mro__[1].__name__)
print(max(shapes), min(shapes, key=lambda s: s.id))
made = Shape.registry["circle"](2)
print(made, isinstance(made, Shape), issubclass(Square, Rect), next_id())
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
p = Point(3, 4)
x, y = p
print(x, y, math.hypot(*p), hasattr(p, "__dict__"))
try:
    p.z = 5
except AttributeError as e:
    print("AttributeError:", e)


class Triangle(Shape):
    def __init__(self, a, b, c):
        super().__init__()
        self.sides = (a, b, c)


Triangle(3, 4, 5)
