import contextlib


class Timer:
    def __init__(self, label):
        self.label = label
        self.log = []

    def __enter__(self):
        self.log.append(f"enter {self.label}")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.log.append(f"exit {self.label} {exc_type.__name__ if exc_type else None}")
        return exc_type is KeyError


class Resource:
    opened = []

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        Resource.opened.append(self.name)
        print("open", self.name)
        return self.name.upper()

    def __exit__(self, *exc):
        Resource.opened.remove(self.name)
        print("close", self.name, exc[0])
        return False


@contextlib.contextmanager
def tag(name):
    print(f"<{name}>", end="")
    try:
        yield name
    finally:
        print(f"</{name}>")


with Timer("a") as t:
    {}["missing"]
print(t.log)
try:
    with Timer("b") as t2:
        1 / 0
except ZeroDivisionError as e:
    print("caught", e, t2.log)
with Resource("db") as r1, Resource("cache") as r2:
    print(r1, r2, Resource.opened)
with tag("b"), tag("i"):
    print("text", end="")
with contextlib.suppress(ValueError, TypeError):
    int("x")
print("suppressed")
with contextlib.ExitStack() as stack:
    names = [stack.enter_context(Resource(n)) for n in "xyz"]
    stack.callback(print, "callback ran")
    print(names)
try:
    with Resource("fail"):
        raise RuntimeError("inside")
except RuntimeError as e:
    print("propagated:", e)
with contextlib.nullcontext(5) as v:
    print("null", v)
@contextlib.contextmanager
def transaction(data):
    backup = dict(data)
    try:
        yield data
    except Exception as e:
        data.clear(); data.update(backup)
        print("rolled back:", e)
acct = {"a": 1}
with transaction(acct) as d:
    d["a"] = 2
    d["b"] = 3
    raise ValueError("bad")
print(acct)
with tag("p") as n:
    raise KeyError(n)
