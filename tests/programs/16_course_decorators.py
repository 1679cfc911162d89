import functools
import time


def memo(func):
    cache = {}

    @functools.wraps(func)
    def wrapper(*args):
        if args not in cache:
            cache[args] = func(*args)
        return cache[args]

    wrapper.cache = cache
    return wrapper


def count_calls(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def repeat(times):
    def deco(func):
        def inner(*a, **k):
            return [func(*a, **k) for _ in range(times)]
        return inner
    return deco


def validate(**types):
    def deco(func):
        @functools.wraps(func)
        def wrapper(**kwargs):
            for k, t in types.items():
                if not isinstance(kwargs.get(k), t):
                    raise TypeError(f"{func.__name__}: {k} must be {t.__name__}, got {type(kwargs.get(k)).__name__}")
            return func(**kwargs)
        return wrapper
    return deco


@count_calls
@memo
def fib(n):
    """Fibonacci, memoised."""
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@repeat(3)
def hello(name):
    return f"hi {name}"


@validate(name=str, age=int)
def person(name, age):
    return f"{name} is {age}"


@functools.lru_cache(maxsize=None)
def ways(n, coins=(1, 5, 10, 25)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])


print(fib(30), fib.calls, fib.__name__, fib.__doc__, len(fib.cache))
print(hello("bo"), hello.__name__)
print(person(name="al", age=3))
try:
    person(name="al", age="3")
except TypeError as e:
    print(e)
print(ways(100), ways.cache_info())
counter = 0
def make_counter(start=0):
    count = start
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = make_counter(10)
print(c(), c(5), c.__closure__[0].cell_contents, c.__code__.co_freevars)
adders = [lambda x, i=i: x + i for i in range(3)]
late = [lambda x: x + i for i in range(3)]
print([f(10) for f in adders], [f(10) for f in late])
compose = lambda *fs: functools.reduce(lambda f, g: lambda x: g(f(x)), fs)
print(compose(str.strip, str.upper, lambda s: s + "!")("  hey "))
p = functools.partial(int, base=2)
print(p("1011"), p.func, p.keywords, repr(p)[:30])
t0 = time.perf_counter(); fib(25); print(time.perf_counter() - t0 < 5)
@functools.singledispatch
def show(x):
    return f"obj {x!r}"
@show.register
def _(x: int):
    return f"int {x}"
@show.register(list)
def _(x):
    return f"list of {len(x)}"
print(show(1), show([1, 2]), show("s"), show(True))
