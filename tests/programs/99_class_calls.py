# Calling classes from a function (the fused global call), bound methods and dunders with a
# borrowed self: every kind of class, a class rebound between calls, errors and their lines.
import gc


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b


class NoInit:
    pass


class WithNew:
    def __new__(cls, x):
        print("new", cls.__name__, x)
        return super().__new__(cls)

    def __init__(self, x):
        self.x = x


class Other:
    pass


class ReturnsOther:
    def __new__(cls):
        return Other()

    def __init__(self):
        print("never")


class Defaults:
    def __init__(self, a, b=2, *rest, **kw):
        self.total = a + b + sum(rest) + sum(kw.values())


class BadInit:
    def __init__(self):
        return 1


class Rebinds:
    def __init__(self, v):
        self = None
        print("rebound self", self, v)


class Err(Exception):
    def __init__(self, code):
        super().__init__("code", code)
        self.code = code


class Meta(type):
    def __call__(cls, *args):
        print("meta call", cls.__name__, args)
        return super().__call__(*args)


class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v


class Counter:
    made = 0

    def __init__(self):
        Counter.made += 1

    def bump(self, by):
        self.value = getattr(self, "value", 0) + by
        return self

    def __eq__(self, other):
        return isinstance(other, Counter) and self.value == other.value

    __hash__ = object.__hash__

    def __call__(self, x):
        return x * 2


class Raises:
    def __init__(self, n):
        if n > 1:
            raise ValueError("too big: " + str(n))
        self.n = n


def make(n):
    out = []
    for i in range(n):
        out.append(Plain(i, i * 10))
        out.append(NoInit())
    return out


def main():
    objs = make(3)
    print(len(objs), objs[0].a, objs[4].b, type(objs[1]).__name__)
    w = WithNew(7)
    print(w.x)
    r = ReturnsOther()
    print(type(r).__name__)
    d = Defaults(1)
    print(d.total, Defaults(1, 2, 3, 4, k=5).total)
    try:
        BadInit()
    except TypeError as e:
        print("TypeError:", e)
    Rebinds(3)
    e = Err(42)
    print(repr(e), e.code, e.args)
    m = WithMeta(5)
    print(m.v)
    c = Counter()
    c2 = Counter()
    bump = c.bump
    bump(1)
    bump(2)
    c2.bump(3)
    print(c.value, c == c2, c(21), Counter.made)
    try:
        Plain(1)
    except TypeError as e:
        print("TypeError:", e)
    for n in range(3):
        try:
            print("made", Raises(n).n)
        except ValueError as e:
            print("ValueError:", e)


main()


def rebind():
    global Plain

    class Plain:
        def __init__(self, a, b):
            self.sum = a + b

    print(Plain(2, 3).sum)


rebind()
print(make(1)[0].sum)
gc.collect()
