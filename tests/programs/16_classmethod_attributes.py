# staticmethod and classmethod objects as decorators see them: their __func__, __wrapped__,
# __doc__ and other copied attributes, and attributes a registry decorator sets on them.
import abc
import functools


def tagged(label):
    def deco(method):
        method.label = label
        return method
    return deco


class Shape(abc.ABC):
    registry = []

    @tagged("factory")
    @classmethod
    def unit(cls):
        "Make a unit shape."
        return cls(1)

    @tagged("helper")
    @staticmethod
    def area_of_square(side):
        "Area of a square."
        return side * side

    @classmethod
    @abc.abstractmethod
    def kind(cls):
        "What kind of shape."

    @staticmethod
    @abc.abstractmethod
    def sides():
        ...

    def __init__(self, size):
        self.size = size


class Square(Shape):
    @classmethod
    def kind(cls):
        return "square"

    @staticmethod
    def sides():
        return 4


for name in ("unit", "area_of_square", "kind", "sides"):
    d = Shape.__dict__[name]
    print(name, type(d).__name__, d.__func__.__name__, d.__wrapped__ is d.__func__,
          d.__isabstractmethod__, d.__doc__, d.__name__, d.__qualname__, d.__module__)
    print("  label:", getattr(d, "label", None), sorted(d.__dict__))
print(sorted(Shape.__abstractmethods__))
print(Square.unit().size, Square.area_of_square(3), Square.kind(), Square.sides())
print(Shape.unit.__doc__, Shape.area_of_square.__doc__)

sm = staticmethod(len)
print(sm.__name__, sm.__qualname__, sm.__module__, sm("abc"))
sm.extra = 1
print(sm.extra, "extra" in sm.__dict__)
del sm.extra
print(hasattr(sm, "extra"))
cm = classmethod(lambda cls: cls.__name__)
cm.__doc__ = "docstring set later"
print(cm.__doc__, cm.__name__)
for action in ("set __func__", "set __wrapped__", "set __isabstractmethod__", "get missing",
               "del missing"):
    try:
        if action == "set __func__":
            cm.__func__ = len
        elif action == "set __wrapped__":
            cm.__wrapped__ = len
        elif action == "set __isabstractmethod__":
            cm.__isabstractmethod__ = True
        elif action == "get missing":
            cm.missing
        else:
            del cm.missing
    except AttributeError as e:
        print(action, "->", "AttributeError:", e)


@functools.wraps(Square.__dict__["kind"])
def kind_wrapper(*args):
    return "wrapped"


print(kind_wrapper.__name__, kind_wrapper.__doc__, kind_wrapper.__wrapped__.__class__.__name__)
