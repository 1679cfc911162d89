# Abstract base classes: shapes with abstract methods, a registered virtual subclass.
from abc import ABC, ABCMeta, abstractmethod
import math


class Shape(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{self.name}: area={self.area():.2f} perimeter={self.perimeter():.2f}"


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"


class HalfDone(Shape):
    def area(self):
        return 0


shapes = [Circle(1), Rect(2, 3), Square(2)]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s.describe())

for cls in (Shape, HalfDone):
    try:
        cls("x")
    except TypeError as e:
        print("TypeError:", e)

print(sorted(Shape.__abstractmethods__), HalfDone.__abstractmethods__, Square.__abstractmethods__)
print(isinstance(Square(1), Shape), issubclass(Square, Rect), type(Shape).__name__)


class Drawable(metaclass=ABCMeta):
    @abstractmethod
    def draw(self):
        pass

    @classmethod
    def __subclasshook__(cls, C):
        if cls is Drawable and any("draw" in B.__dict__ for B in C.__mro__):
            return True
        return NotImplemented


class Sprite:
    def draw(self):
        return "sprite"


class Text:
    pass


print(isinstance(Sprite(), Drawable), isinstance(Text(), Drawable), issubclass(Sprite, Drawable))


class Serializer(ABC):
    @property
    @abstractmethod
    def fmt(self):
        pass

    @staticmethod
    @abstractmethod
    def version():
        pass


class Json(Serializer):
    @property
    def fmt(self):
        return "json"

    @staticmethod
    def version():
        return 2


try:
    Serializer()
except TypeError as e:
    print("TypeError:", e)
j = Json()
print(j.fmt, j.version())


class Sized3(ABC):
    pass


Sized3.register(list)
print(isinstance([], Sized3), isinstance((), Sized3), issubclass(list, Sized3))
print(Sized3.register(tuple) is tuple, isinstance((1,), Sized3))
