# A function's keyword-only defaults, as CPython shows them.
def f(a, *, b=1, c="two"):
    return a, b, c


def g(a, b=2):
    return a, b


print(f.__kwdefaults__, g.__kwdefaults__, g.__defaults__, f.__defaults__)
print(f(0), f(0, c=3))
