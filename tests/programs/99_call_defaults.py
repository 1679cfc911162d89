# Calls that leave parameters to their defaults (bound without the general binder), and the
# cases that still need it: too few or too many arguments, keyword-only and cell parameters.
def f(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)
print(f(1), f(1, 3), f(1, 3, []), f(5))
def g(a, b=1, /, c=2):
    return a + b + c
print(g(1), g(1, 2), g(1, 2, 3))
def h(*, k=1):
    return k
print(h())
def m(a, b=1):
    return a
try:
    m()
except TypeError as e:
    print(e)
try:
    m(1, 2, 3)
except TypeError as e:
    print(e)
class C:
    def meth(self, x, y=10):
        return x + y
print(C().meth(1), C().meth(1, 2))
f.__defaults__ = (7, [])
print(f(0), f(0))
def outer(a, b=5):
    def inner():
        return a + b
    return inner()
print(outer(1), outer(1, 2))
