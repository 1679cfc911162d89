# functools.singledispatch and singledispatchmethod: register by class or by annotation,
# dispatch along the MRO, and registered ABCs.
import functools
from collections.abc import Sequence, Mapping


@functools.singledispatch
def describe(x):
    return f"something: {x!r}"


@describe.register
def _(x: int):
    return f"int {x}"


@describe.register(float)
def _describe_float(x):
    return f"float {x:.2f}"


@describe.register(Sequence)
def _(x):
    return f"sequence of {len(x)}: " + ", ".join(describe(i) for i in x)


@describe.register(str)
def _(x):
    return f"str {x!r}"


@describe.register(dict)
def _(x):
    return "mapping " + str(sorted(x))


class Celsius(float):
    pass


for v in [3, True, 2.5, Celsius(21.456), "ab", [1, 2.0], (None,), {"b": 1, "a": 2}, None]:
    print(describe(v))
print(describe.dispatch(bool) is describe.dispatch(int), describe.registry[float] is _describe_float)
print(describe.__name__, sorted(c.__name__ for c in describe.registry))
try:
    describe()
except TypeError as e:
    print(e)
try:
    describe.register(len)
except TypeError as e:
    print(e)


class Formatter:
    def __init__(self, prefix):
        self.prefix = prefix

    @functools.singledispatchmethod
    def fmt(self, arg):
        return f"{self.prefix} ? {arg!r}"

    @fmt.register
    def _(self, arg: int):
        return f"{self.prefix} int {arg:05d}"

    @fmt.register
    def _(self, arg: list):
        return f"{self.prefix} list " + " ".join(self.fmt(a) for a in arg)


f = Formatter(">")
print(f.fmt(42), "|", f.fmt("x"), "|", f.fmt([1, "y"]))
