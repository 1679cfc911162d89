def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))

def total(*args):
    return sum(args)

print(total(), total(1), total(1, 2, 3))

def info(**kwargs):
    return sorted(kwargs.items())

print(info(a=1, b=2))

def mixed(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)

print(mixed(1, c=3))
print(mixed(1, 5, 6, 7, c=8, e=9))
args = [10, 20]
kwargs = {"c": 30, "z": 0}
print(mixed(*args, **kwargs))
print(mixed(*[1, 2, 3], *[4], c=5))

def kwonly(*, x, y=1):
    return x * y

print(kwonly(x=5), kwonly(x=5, y=3))

def no_return():
    x = 1

print(no_return())

def multi():
    return 1, "two", [3]

print(multi())

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20))

def default_list(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc

print(default_list(1), default_list(2))

def shared(x, acc=[]):
    acc.append(x)
    return acc

print(shared(1), shared(2))

def apply(f, *a, **k):
    return f(*a, **k)

print(apply(greet, "Eve", greeting="Hey"))
print(apply(max, 3, 9, 4))
def doc():
    """Docstring here."""
    return 0

print(doc())
print(print("inner"))
f = greet
print(f("alias"))
