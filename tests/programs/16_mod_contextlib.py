# contextlib: a timer, tags, suppress, ExitStack, redirect_stdout.
import io
import sys
from contextlib import contextmanager, suppress, nullcontext, closing, ExitStack, redirect_stdout


@contextmanager
def timer(label, log):
    log.append(f"start {label}")
    try:
        yield log
    finally:
        log.append(f"stop {label}")


log = []
with timer("load", log) as lg:
    total = sum(range(1000))
    lg.append(f"total={total}")
print(log)

log = []
try:
    with timer("fail", log):
        raise KeyError("missing")
except KeyError as e:
    print("propagated", repr(e), log)


@contextmanager
def tag(name):
    print(f"<{name}>", end="")
    yield
    print(f"</{name}>", end="")


with tag("html"):
    with tag("body"):
        print("hello", end="")
print()


@contextmanager
def ignoring(*types):
    try:
        yield
    except types as e:
        print(f"ignored {type(e).__name__}: {e}")


with ignoring(ZeroDivisionError, ValueError):
    int("abc")
print("still running")


@contextmanager
def transaction(db):
    snapshot = dict(db)
    try:
        yield db
    except Exception as e:
        db.clear()
        db.update(snapshot)
        print("rolled back because", e)
        raise
    else:
        print("committed")


db = {"a": 1}
with transaction(db) as d:
    d["b"] = 2
try:
    with transaction(db) as d:
        d["c"] = 3
        raise RuntimeError("disk full")
except RuntimeError:
    pass
print(db)


@ignoring(IndexError)
def third(items):
    return items[2]


print(third([1, 2, 3]), third([1]))


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)


@contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

with suppress(AttributeError, KeyError):
    {}["x"]
    print("not reached")
with suppress(ValueError):
    print("no error")
try:
    with suppress(KeyError):
        [][0]
except IndexError as e:
    print("not suppressed:", e)

for use_lock in (False, True):
    cm = timer("locked", []) if use_lock else nullcontext("plain")
    with cm as value:
        print(type(value).__name__, value if isinstance(value, str) else len(value))


class Connection:
    def __init__(self, name):
        self.name = name

    def close(self):
        print(f"closing {self.name}")


with closing(Connection("db")) as conn:
    print("using", conn.name)


class Resource:
    def __init__(self, name, fail=False):
        self.name = name
        self.fail = fail

    def __enter__(self):
        print("open", self.name)
        if self.fail:
            raise OSError(f"cannot open {self.name}")
        return self

    def __exit__(self, *exc):
        print("close", self.name, "error" if exc[0] else "ok")
        return False


with ExitStack() as stack:
    files = [stack.enter_context(Resource(n)) for n in "abc"]
    stack.callback(print, "callback registered last runs first")
    print("working with", [f.name for f in files])

try:
    with ExitStack() as stack:
        stack.enter_context(Resource("x"))
        stack.enter_context(Resource("y", fail=True))
except OSError as e:
    print("OSError:", e)


def swallow(exc_type, exc, tb):
    print("push saw", exc_type.__name__ if exc_type else None)
    return True


with ExitStack() as stack:
    stack.push(swallow)
    stack.callback(lambda: print("cleanup"))
    raise ValueError("inside stack")
print("swallowed by push")

with ExitStack() as outer:
    outer.callback(print, "kept")
    moved = outer.pop_all()
print("outer closed")
moved.close()

buf = io.StringIO()
with redirect_stdout(buf):
    print("captured", 1, 2, sep="-")
    print("second line")
print(repr(buf.getvalue()))
print(sys.stdout is sys.__stdout__)


class Upper:
    def write(self, s):
        sys.__stdout__.write(s.upper())


with redirect_stdout(Upper()):
    print("shouting", "now")
print("quiet again")
