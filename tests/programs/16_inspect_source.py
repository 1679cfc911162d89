# Reading a program's own source with inspect, as a course shows it.
import inspect
import functools


def greet(name):
    """Say hello."""
    # a comment inside
    message = f"Hello, {name}!"
    return message


def square(x): return x * x


double = lambda x: x * 2
pair = (lambda a: a + 1,
        lambda b: b - 1)


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@timed
def decorated(a,
              b=(1, 2,
                 3)):
    text = """a string
def not_a_def():
    with a line that
  is dedented"""
    return a, b, text
    # trailing comment in the body

# A comment after the function.
class Shape:
    """A shape."""

    sides = 0

    def area(self):
        raise NotImplementedError

    @property
    def name(self):
        return type(self).__name__.lower()

    class Meta:
        ordering = ["sides"]

    @staticmethod
    def unit(): return 1


@functools.total_ordering
class Square(Shape):
    sides = 4

    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side ** 2

    def __eq__(self, other):
        return self.side == other.side

    def __lt__(self, other):
        return self.side < other.side


def outer():
    class Inner:
        def method(self):
            return [i for i in range(3)
                    if i]
    return Inner


if True:
    class Conditional:
        value = 1


for thing in [greet, square, double, pair[1], decorated, Shape, Shape.area, Shape.name.fget,
              Shape.Meta, Shape.unit, Square, Square.__lt__, outer, outer(), outer().method,
              Conditional]:
    print("-" * 20, getattr(thing, "__qualname__", thing))
    print(inspect.getsource(thing), end="")

lines, start = inspect.getsourcelines(Square.area)
print(start, lines)
lines, start = inspect.findsource(Shape.Meta)
print(start, lines[start])
print(inspect.getblock(["def f():\n", "    return 1\n", "x = 2\n"]))
print(inspect.getblock(["if x:\n", "    y = [1,\n", "  2]\n", "z = 3\n"]))
print(inspect.getcomments(Shape))
print(inspect.getsourcelines(decorated)[1], inspect.unwrap(decorated).__name__)
print(len(inspect.getsource(inspect.getmodule(greet)).splitlines()))
try:
    inspect.getsource(len)
except TypeError as e:
    print("TypeError:", e)
try:
    inspect.getsource(type("Dynamic", (), {"__module__": __name__}))
except OSError as e:
    print("OSError:", e)
