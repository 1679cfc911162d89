# Instances keep their attributes in the class's shared keys until a dict is asked for.
# Everything a program can see must be as with a dict: order, deletion, vars(), many names.


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


p = P(1, 2)
q = P(3, 4)
q.c = 5            # a key the first instance lacks
print(vars(p), vars(q))
r = P.__new__(P)
r.b = "b first"    # insertion order differs from the shared keys' order
r.c = None
r.a = 1.5
print(vars(r), r.a, r.b, r.c)
del r.b
print(vars(r), hasattr(r, "b"))
r.b = [1]
print(vars(r))
try:
    del p.c
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(p.c)
except AttributeError as e:
    print("AttributeError:", e)

# A dict asked for takes over: writes through it and through attributes agree.
d = p.__dict__
d["z"] = 26
p.a = 100
print(p.z, d, vars(p) is d)
d.clear()
print(hasattr(p, "a"), vars(p))
p.w = 1
print(d)

# setattr / getattr with names made at run time.
for i in range(5):
    setattr(q, "n" + str(i), i * i)
print(sorted(k for k in vars(q)), getattr(q, "n" + "3"))

# More names than the shared keys hold.
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, f"x{i}", i)
print(len(vars(m)), m.x0, m.x39, list(vars(m))[:3], list(vars(m))[-2:])
m2 = Many()
m2.x5 = "five"
m2.y = "why"
print(vars(m2))
del m.x7
print(len(vars(m)), hasattr(m, "x7"))

# Subclasses have keys of their own; attributes of the class are not instance attributes.
class Q(P):
    kind = "q"

    def __init__(self):
        super().__init__("qa", "qb")
        self.extra = True


x = Q()
print(vars(x), x.kind, "kind" in vars(x))
x.kind = "mine"
print(x.kind, Q.kind, vars(x))

# An instance attribute that shadows a method.
class S:
    def m(self):
        return "method"


s = S()
print(s.m())
s.m = lambda: "attribute"
print(s.m())
del s.m
print(s.m())

# dir() lists instance attributes too.
print([n for n in dir(r) if not n.startswith("__")])
print(p.__dict__ == {"w": 1}, len(vars(q)))
