# generator.throw(): the exception is raised at the yield where the generator waits.


def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("bad value:", e)
            total = 0
            continue
        total += value


acc = accumulator()
print(next(acc))
print(acc.send(5))
print(acc.send(7))
print(acc.throw(ValueError("reset")))
print(acc.send(2))
print(acc.throw(ValueError, "again"))
print(acc.throw(ValueError, ValueError("instance as value")))
print(acc.throw(ValueError, ("two", "args")))

try:
    acc.throw(KeyError("not handled"))
except KeyError as e:
    print("propagated:", repr(e))
print(next(acc, "finished"))


def worker():
    try:
        yield "working"
    finally:
        print("worker cleanup")


w = worker()
next(w)
try:
    w.throw(RuntimeError, RuntimeError("stop"))
except RuntimeError as e:
    print("RuntimeError:", e)

# Before the first next(), throw raises at once and the generator is finished.
fresh = worker()
try:
    fresh.throw(TypeError("early"))
except TypeError as e:
    print("early:", e)
print(next(fresh, "nothing left"))

# Argument errors.
g = worker()
for args in [(1,), (ValueError("x"), 2), (int,)]:
    try:
        g.throw(*args)
    except TypeError as e:
        print("TypeError:", e)


class Retry(Exception):
    pass


def retrying():
    attempt = 0
    while True:
        attempt += 1
        try:
            yield attempt
            return "succeeded"
        except Retry:
            print("retrying after attempt", attempt)


r = retrying()
print(next(r))
print(r.throw(Retry))
print(r.throw(Retry()))
try:
    r.send(None)
except StopIteration as stop:
    print("StopIteration value:", stop.value)


def context_of_thrown():
    try:
        raise KeyError("inside")
    except KeyError:
        try:
            yield
        except ValueError as e:
            print("context:", repr(e.__context__))
    yield "end"


c = context_of_thrown()
next(c)
print(c.throw(ValueError("thrown")))
