# PEP 479: StopIteration raised inside a generator becomes RuntimeError.


def leaky():
    yield 1
    raise StopIteration("oops")


g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", repr(e.__cause__))
    print("context is cause:", e.__context__ is e.__cause__)
print(next(g, "finished"))


def next_on_empty():
    it = iter([])
    yield next(it)


try:
    list(next_on_empty())
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)


def returns_value():
    yield 1
    return "the value"


r = returns_value()
next(r)
try:
    next(r)
except StopIteration as s:
    print("StopIteration value:", s.value, s.args)


def guarded():
    it = iter([1, 2])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return
        yield v * 10


print(list(guarded()))
print([x for x in returns_value()])
