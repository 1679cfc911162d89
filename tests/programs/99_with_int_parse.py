# `with` looks `__enter__`/`__exit__` up on the type, as CPython's BEFORE_WITH does, and
# int() of strings: the short decimal fast path and everything it hands to the full parser.
class Managed:
    def __enter__(self):
        print("class enter")
        return "value"

    def __exit__(self, *exc):
        print("class exit", exc[0].__name__ if exc[0] else None)
        return True


m = Managed()
m.__enter__ = lambda: "instance enter (ignored)"
with m as v:
    print("body", v)
    raise KeyError("swallowed")


class OnlyGetattr:
    def __getattr__(self, name):
        return lambda *a: print("getattr", name)


for obj in (OnlyGetattr(), object(), 3):
    try:
        with obj:
            pass
    except TypeError as e:
        print("TypeError:", e)


class NoExit:
    def __enter__(self):
        return self


try:
    with NoExit():
        pass
except TypeError as e:
    print("TypeError:", e)


class Base:
    def __enter__(self):
        return type(self).__name__

    def __exit__(self, t, v, tb):
        return False


class Sub(Base):
    pass


with Sub() as name:
    print(name)
Base.__exit__ = lambda self, t, v, tb: print("replaced exit") or True
with Sub():
    raise ValueError
print("after")

cases = ["42", " -17 ", "+8\n", "\t0\t", "007", "123456789012345678", "1234567890123456789",
         "-99999999999999999999", "1_000", "٣٤", "\x1c5\x1f", " 0x1f", "", " ", "+", "-",
         "1 2", "12a", "00", "0_0", "9" * 30, "\u20035\u2003"]
for s in cases:
    for base in (10, 0):
        try:
            print(repr(s), base, int(s, base))
        except ValueError as e:
            print(repr(s), base, "ValueError:", e)
print(int("  12  ") + 1, int("-0"), type(int("5")).__name__)
for s in ["\x1c1.5", "1.5\x1f", "\x0b2.5\x0c", "\u00a03.5\u2028", "\x854"]:
    for conv in (int, float):
        try:
            print(repr(s), conv.__name__, conv(s))
        except ValueError as e:
            print(repr(s), conv.__name__, "ValueError:", e)
