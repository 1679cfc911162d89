def trace(func):
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args, kwargs)
        result = func(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper

@trace
def add(a, b=0):
    return a + b

add(2, b=3)
add(5)

def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]
        return wrapper
    return deco

@repeat(3)
def greet(name):
    return "hi " + name

print(greet("x"))

cache = {}
def memoize(f):
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(100), len(cache))

calls = 0
def counted(f):
    def wrapper(*a, **k):
        global calls
        calls += 1
        return f(*a, **k)
    return wrapper

@counted
@trace
def mul(a, b):
    return a * b

mul(3, 4)
print("calls", calls)

registry = {}
def register(name):
    def deco(f):
        registry[name] = f
        return f
    return deco

@register("sq")
def square(x):
    return x * x

@register("neg")
def negate(x):
    return -x

print(sorted(registry), registry["sq"](7), registry["neg"](7), square(3))

def class_deco(cls):
    cls.tagged = True
    return cls

@class_deco
class Thing:
    pass

print(Thing.tagged)
