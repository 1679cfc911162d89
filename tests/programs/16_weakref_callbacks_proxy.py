import weakref


def gone(name):
    def callback(ref):
        print(f"{name} collected")
    return callback


def make_function():
    def helper():
        return 42
    return helper


f = make_function()
rf = weakref.ref(f, gone("function"))
print(rf() is f)
del f
print("after del f:", rf())


class Plugin:
    pass


rc = weakref.ref(Plugin, gone("class"))
del Plugin
import gc
gc.collect()
print("class ref:", rc() is None)

s = {1, 2, 3}
rs = weakref.ref(s, gone("set"))
del s
print("set ref:", rs())

fz = frozenset("ab")
rfz = weakref.ref(fz, gone("frozenset"))
fz = None
print("frozenset ref:", rfz())

finalized = []
g = make_function()
weakref.finalize(g, finalized.append, "finalizer ran")
del g
print(finalized)


class Vector:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __add__(self, other):
        return Vector(*[a + b for a, b in zip(self.xs, other.xs)])

    def __mul__(self, k):
        return Vector(*[a * k for a in self.xs])

    __rmul__ = __mul__

    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)

    def __eq__(self, other):
        return isinstance(other, Vector) and self.xs == other.xs

    def __len__(self):
        return len(self.xs)

    def __iter__(self):
        return iter(self.xs)

    def __getitem__(self, i):
        return self.xs[i]

    def __setitem__(self, i, v):
        self.xs[i] = v

    def __contains__(self, v):
        return v in self.xs

    def __neg__(self):
        return Vector(*[-a for a in self.xs])

    def __bool__(self):
        return any(self.xs)

    def __repr__(self):
        return f"Vector{tuple(self.xs)}"


v = Vector(1, 2, 3)
w = Vector(4, 5, 6)
p = weakref.proxy(v)
q = weakref.proxy(w)
print(p + w, v + q, p + q)
print(p * 2, 3 * p)
print(p < q, q < p, p == Vector(1, 2, 3), p != v)
print(len(p), list(p), p[1], 2 in p, 9 in p, -p)
p[0] = 10
zero = Vector(0, 0)
print(v, bool(p), bool(weakref.proxy(zero)))
print([x.xs for x in sorted([q, p])])

n = weakref.proxy(make_function())
try:
    n()
except ReferenceError as e:
    print("ReferenceError:", e)

class Box(list):
    pass


b = Box([5, 6])
pb = weakref.proxy(b)
pb += [7]
print(b, len(pb), pb[-1], list(reversed(pb)))


class Key:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return isinstance(other, Key) and self.name == other.name

    def __hash__(self):
        return hash(self.name)


k1 = Key("a")
k2 = Key("a")
ws = weakref.WeakSet([k1])
print(k2 in ws, Key("b") in ws, len(ws))
wk = weakref.WeakKeyDictionary()
wk[k1] = "first"
print(wk[k2], k2 in wk)
wk[k2] = "second"
print(len(wk), wk[k1])
del k1
print(len(wk), list(wk.values()))


class Button:
    def click(self):
        return "clicked"


button = Button()
rm = weakref.ref(button.click, gone("bound method"))
print("bound method ref:", rm())
