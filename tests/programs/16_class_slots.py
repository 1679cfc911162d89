# __slots__: no __dict__, fixed names, member descriptors.
class S:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a


s = S(1)
print(s.a)
print(S.a)
print(type(S.a).__name__)
for action in ("read b", "set c", "dict", "del b"):
    try:
        if action == "read b":
            print(s.b)
        elif action == "set c":
            s.c = 3
        elif action == "dict":
            print(s.__dict__)
        else:
            del s.b
    except AttributeError as e:
        print("AttributeError:", e)
s.b = 2
print(s.a, s.b, hasattr(s, "b"), getattr(s, "c", "none"))
del s.b
print(hasattr(s, "b"))


class T(S):
    __slots__ = ("c",)


t = T(5)
t.c = 6
print(t.a, t.c)
try:
    t.d = 1
except AttributeError as e:
    print("AttributeError:", e)


class U(S):
    pass


u = U(7)
u.z = 8
print(u.a, u.z, u.__dict__)


class W:
    __slots__ = "only"


w = W()
w.only = "yes"
print(w.only, W.__slots__)
try:
    class V:
        __slots__ = ("x",)
        x = 1
except ValueError as e:
    print("ValueError:", e)


class WithDict:
    __slots__ = ("a", "__dict__")


wd = WithDict()
wd.a = 1
wd.b = 2
print(wd.a, wd.b, wd.__dict__)

for _ in range(3):
    t.a += 1
print(t.a)
