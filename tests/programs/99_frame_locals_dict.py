# locals() of a function is one dict per frame, refreshed at each call (CPython 3.11).
def f():
    exec("y = 5")
    a = 1
    d = locals()
    print(d)
    del a
    b = 2
    d2 = locals()
    print(d is d2, d2)
    exec("b = 100; c = b + 1")
    print(b, locals()["b"], locals()["c"])
    print(eval("y + c"))
    return d


def g():
    x = 10
    def h():
        return x
    return sorted(locals())


def gen():
    v = 1
    yield locals()
    v = 2
    yield locals()


print(f())
print(g())
a, b = gen()
print(a is b, a)
print([locals() for _ in range(1)][0].keys())
import sys
def k():
    q = 3
    fr = sys._getframe()
    print(fr.f_locals is locals(), sorted(fr.f_locals))
k()
