# A generator that yields again after GeneratorExit: close() raises RuntimeError.


def stubborn():
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            print("ignoring GeneratorExit")


s = stubborn()
print(next(s))
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
print("still suspended:", s.gi_suspended)
print(next(s))


def swallows():
    try:
        yield 1
    except GeneratorExit:
        print("swallowed, returning")


w = swallows()
next(w)
print(w.close())


def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("cleanup failed")


r = raises_other()
next(r)
try:
    r.close()
except ValueError as e:
    print("ValueError:", e, "| context:", type(e.__context__).__name__)


def finally_yields():
    try:
        yield 1
    finally:
        print("finally runs")
        yield 2


f = finally_yields()
next(f)
try:
    f.close()
except RuntimeError as e:
    print("RuntimeError:", e)

# Dropped, the same generators report on stderr ("Exception ignored in: ...") and the
# program goes on.
d = finally_yields()
next(d)
del d
print("after dropping a stubborn generator")
e = raises_other()
next(e)
e = None
print("after dropping a failing one")
