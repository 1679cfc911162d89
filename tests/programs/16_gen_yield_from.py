# yield from hands close() and throw() to the sub-generator first.


def inner():
    try:
        yield "inner 1"
        yield "inner 2"
    except ValueError as e:
        print("inner caught", e)
        yield "inner recovered"
        return "inner result"
    finally:
        print("inner finally")


def outer():
    try:
        result = yield from inner()
        print("outer got", result)
        yield "outer after"
    finally:
        print("outer finally")


g = outer()
print(next(g))
g.close()
print("---")
g = outer()
print(next(g))
print(g.throw(ValueError("boom")))
print(next(g))
print(next(g, "done"))
print("---")
g = outer()
next(g)
try:
    g.throw(KeyError("unhandled"))
except KeyError as e:
    print("outer saw", repr(e))
print("---")


def tree(depth):
    try:
        if depth == 0:
            yield "leaf"
        else:
            yield from tree(depth - 1)
    finally:
        print("leave level", depth)


t = tree(3)
print(next(t))
t.close()
print("---")


class Ticker:
    """An iterator with close() and throw(): yield from calls them."""

    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        return self.n

    def close(self):
        print("Ticker.close")

    def throw(self, exc):
        print("Ticker.throw", repr(exc))
        raise StopIteration("ticker result")


def over_ticker():
    result = yield from Ticker()
    print("over_ticker got", result)
    yield "after ticker"


o = over_ticker()
print(next(o), next(o))
print(o.throw(ValueError("to ticker")))
o = over_ticker()
next(o)
o.close()
print("---")


def over_list():
    try:
        yield from [1, 2, 3]
    except ValueError as e:
        print("list has no throw: raised here", e)
        yield "handled"


l = over_list()
print(next(l))
print(l.throw(ValueError("x")))
print("---")


def sub_exits():
    try:
        yield 1
    except GeneratorExit:
        print("sub: GeneratorExit")
        raise


def delegating():
    try:
        yield from sub_exits()
    except GeneratorExit:
        print("delegating: GeneratorExit")
        raise


dg = delegating()
next(dg)
dg.close()
for v in delegating():
    print("loop got", v)
    break
print("end")
