# Instances made through the fused global call: __init__ found in the lookup cache.
class P:
    def __init__(self, x):
        self.x = x


class Q:
    def __init__(self):
        # The class's __init__ is replaced while it runs: the frame keeps its code.
        Q.__init__ = lambda self: setattr(self, "tag", "second")
        self.tag = "first"


class R:
    def __init__(self):
        return 5


class S:
    pass


def make(n):
    out = []
    for i in range(n):
        out.append(P(i))
    return [p.x for p in out]


print(make(5))
print(Q().tag, Q().tag, Q().tag)
for _ in range(3):
    try:
        R()
    except TypeError as e:
        print(e)
for _ in range(2):
    try:
        S(1)
    except TypeError as e:
        print(e)


class E(Exception):
    def __init__(self, code):
        self.code = code


for i in range(2):
    e = E(i)
    print(e.args, e.code)


def boom():
    class B:
        def __init__(self, v):
            raise ValueError(v)
    for i in range(3):
        try:
            B(i)
        except ValueError as e:
            print("caught", e)
    return B(99)


boom()
