# functools: partial, reduce, wraps/update_wrapper, lru_cache, cache, total_ordering
import functools
import operator
from functools import partial, reduce, wraps, lru_cache, cache, total_ordering


def power(base, exp, *, mod=None):
    "Raise base to exp."
    r = base ** exp
    return r % mod if mod else r


square = partial(power, exp=2)
print(square(7), square(3, mod=5))
cube = partial(power, exp=3)
print(cube.func is power, cube.args, cube.keywords)
p2 = partial(partial(power, 2), mod=1000)
print(p2(20), p2.args, p2.keywords)
print(repr(partial(max, 1, 2)) , repr(partial(max, key=abs)))

print(reduce(operator.add, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 11)))
print(reduce(operator.add, [], 0), reduce(operator.add, ['a', 'b'], '>'))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError:", e)


def logged(func):
    @wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@logged
def greet(name):
    """Say hello."""
    return "hello " + name


print(greet("ada"), greet.__name__, greet.__qualname__, greet.__doc__, greet.__module__)
print(greet.__wrapped__.__name__, greet.__wrapped__ is not greet)


class Shape:
    @logged
    def area(self):
        "The area."
        return 12


print(Shape().area(), Shape.area.__qualname__, Shape.area.__doc__)


def plain():
    pass


plain.extra = 42


def other():
    pass


functools.update_wrapper(other, plain)
print(other.__name__, other.extra, other.__wrapped__ is plain)


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80))
print(fib.cache_info())
fib.cache_clear()
print(fib.cache_info())


@lru_cache
def sq(n):
    return n * n


for i in [1, 2, 3, 1, 2, 4]:
    sq(i)
print(sq.cache_info(), sq.__name__)


@lru_cache(maxsize=2)
def ident(n):
    print("  computing", n)
    return n


for i in [1, 2, 1, 3, 2, 1]:
    ident(i)
info = ident.cache_info()
print(info, info.hits, info.misses, info.maxsize, info.currsize)
hits, misses, maxsize, currsize = info
print(hits + misses, tuple(info) == (2, 4, 2, 2))


@lru_cache(maxsize=32)
def kw(a, b=1):
    return a + b


print(kw(1), kw(1, b=1), kw(1, 1), kw(a=1), kw.cache_info().misses)


@cache
def fact(n):
    return n * fact(n - 1) if n else 1


print(fact(30), fact.cache_info())


class Method:
    calls = 0

    @lru_cache(maxsize=None)
    def double(self, x):
        Method.calls += 1
        return 2 * x


m = Method()
print(m.double(4), m.double(4), Method.calls)


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.key = (major, minor)

    def __eq__(self, other):
        return self.key == other.key

    def __lt__(self, other):
        return self.key < other.key

    def __repr__(self):
        return f"Version{self.key}"


a, b = Version(1, 2), Version(1, 10)
print(a < b, a > b, a <= b, a >= b, a == Version(1, 2))
print(sorted([Version(2, 0), a, b]))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda x, y: y - x)))


class Circle:
    computed = 0

    def __init__(self, r):
        self.r = r

    @functools.cached_property
    def area(self):
        "The area, computed once."
        Circle.computed += 1
        return 3 * self.r * self.r


circle = Circle(2)
print(circle.area, circle.area, Circle.computed, Circle.area.__doc__)
circle.area = 99
print(circle.area, Circle.computed)
del circle.area
print(circle.area, Circle.computed, Circle(1).area, Circle.computed)
