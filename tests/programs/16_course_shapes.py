import math
from abc import ABC, abstractmethod


class Shape(ABC):
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    @abstractmethod
    def area(self):
        ...

    def perimeter(self):
        raise NotImplementedError(f"{type(self).__name__}.perimeter")

    def __lt__(self, other):
        return self.area() < other.area()

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r}, area={self.area():.2f})"

    def __str__(self):
        return f"{self.name}: {self.area():8.3f}"


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h, name="rect"):
        super().__init__(name)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side, name="square")

    @property
    def side(self):
        return self.w

    @side.setter
    def side(self, v):
        if v <= 0:
            raise ValueError("side must be positive")
        self.w = self.h = v


class Triangle(Shape):
    def __init__(self, a, b, c):
        super().__init__("triangle")
        self.sides = (a, b, c)

    def area(self):
        a, b, c = self.sides
        s = (a + b + c) / 2
        return math.sqrt(s * (s - a) * (s - b) * (s - c))


shapes = [Circle(1.5), Rect(2, 3.5), Square(2), Triangle(3, 4, 5)]
for s in sorted(shapes):
    print(s)
print(sorted(shapes, reverse=True))
print(max(shapes), min(shapes, key=lambda s: s.name))
print("total", Shape.count, f"{sum(s.area() for s in shapes):.4f}")
sq = shapes[2]
sq.side = 5
print(sq, sq.side, sq.perimeter())
try:
    sq.side = -1
except ValueError as e:
    print("error:", e)
try:
    Shape("x")
except TypeError as e:
    print(e)
for s in shapes:
    try:
        print(f"{s.name:>10}|{s.perimeter():<10.3f}|")
    except NotImplementedError as e:
        print("not implemented:", e, repr(e))
print(isinstance(sq, Rect), issubclass(Square, Shape), Square.__mro__)
print(Square.__name__, Square.__qualname__, type(sq).__bases__)
