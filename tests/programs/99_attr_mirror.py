# An instance's first attributes are mirrored for lock-free reads of immediate values
# (None, bools, ints, floats). Every way an attribute can change must show in the next read:
# immediate <-> heap values, setattr with a name built at run time, del and re-add (entries
# shift), more attributes than are mirrored, __dict__ order, and a property on the class.


class P:
    pass


def show(o):
    return (o.a, o.b, o.c)


p = P()
p.a = 1
p.b = 2.5
p.c = None
print(show(p))
for v in [True, "str", [1, 2], 7, -3.0, None, 10**30, 2**62, False]:
    p.b = v
    print(show(p))
setattr(p, "".join(["a"]), "built")
print(show(p))
p.a = 5
print(show(p))
del p.a
p.a = 6
print(show(p), list(p.__dict__))
del p.b
try:
    show(p)
except AttributeError as e:
    print("AttributeError:", e)
p.b = 0
print(show(p), list(p.__dict__))

many = P()
for i in range(12):
    setattr(many, "f%d" % i, i)


def read_all(o):
    return [o.f0, o.f3, o.f7, o.f8, o.f11]


print(read_all(many))
many.f0 = many.f11 = "s"
many.f7 = 7.5
print(read_all(many))
del many.f1
print(read_all(many))
many.f1 = 1
print(read_all(many), list(many.__dict__)[-2:])

# Two instances with the same names in different orders share the instructions' hints.
q1, q2 = P(), P()
q1.a, q1.b, q1.c = 1, 2, 3
q2.c, q2.b, q2.a = 30, 20, 10
for _ in range(3):
    print(show(q1), show(q2))
    q1.b += 1
    q2.b += 1


class Prop:
    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, x):
        self._v = x + 1


o = Prop()
for i in range(3):
    o.v = i
    print(o.v, o._v)

# A counter updated in a loop: the mirror must follow every store.
class C:
    def __init__(self):
        self.n = 0
        self.x = 0.0
        self.flag = False


c = C()
for i in range(1000):
    c.n += 1
    c.x += 0.5
    c.flag = not c.flag
print(c.n, c.x, c.flag)
