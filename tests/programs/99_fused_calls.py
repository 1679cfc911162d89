# Calls the quickened stream fuses (LOAD_GLOBAL/LOAD_METHOD, simple argument loads, CALL):
# each must behave exactly as the unfused instructions, on a hit and on every kind of miss.


def add(a, b):
    return a + b


def three(a, b, c):
    return a * 100 + b * 10 + c


def defaults(a, b=7):
    return a + b


def star(*args):
    return len(args)


def gen(n):
    yield n
    yield n + 1


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def scaled(self, k, j):
        return Point(self.x * k, self.y * j)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Sub(Point):
    def norm2(self):
        return -1


def run():
    global add
    s = 0
    for i in range(5):
        s = add(s, i)
    print("add", s)
    print("three", three(1, 2, 3), three(s, 0, 1))
    print("defaults", defaults(1), defaults(1, 2))
    print("star", star(), star(1, 2, 3))
    print("gen", list(gen(3)))
    p = Point(3, 4)
    total = 0
    for i in range(4):
        p.x = i
        total += p.norm2()
    print("norm2", total, p.scaled(2, 3))
    # The callee changes between calls: the global is rebound, the class gains a method,
    # the instance shadows the method.
    old = add
    for i in range(3):
        print("rebind", add(i, 1))
        add = lambda a, b: a * b
    add = old
    q = Sub(1, 2)
    for obj in (p, q, p):
        print("method", obj.norm2())
    Point.norm2 = lambda self: 99
    print("patched", p.norm2(), q.norm2())
    p.norm2 = lambda: "shadowed"
    print("shadowed", p.norm2())
    # A builtin and a non-function callee.
    print("builtin", len("abc"), abs(-3))
    print("class", Point(1, 1))


def recurse(n):
    if n == 0:
        return 0
    return recurse(n - 1) + 1


def unbound():
    if False:
        y = 1
    return add(1, y)


run()
print("recurse", recurse(50))
try:
    unbound()
except UnboundLocalError as e:
    print("unbound", e)
try:
    add(1)
except TypeError as e:
    print("arity", e)
try:
    Point(1, 2).scaled(1)
except TypeError as e:
    print("arity", e)
