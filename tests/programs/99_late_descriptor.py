# A data descriptor that appears on a base class after instances stored the name, and
# classes whose MRO mixes user and built-in classes: every store asks the right dicts.
class A:
    pass


class B(A):
    pass


b = B()
b.x = 1
print(b.x)
A.x = property(lambda self: 42, lambda self, v: print("set", v))
b.x = 5
print(b.x, b.__dict__)


class Mixin:
    pass


class N(int, Mixin):
    pass


n = N(3)
n.tag = "n"
Mixin.tag = property(lambda self: "from mixin", lambda self, v: print("mixin set", v))
n.tag = "again"
print(n.tag, n + 1)


class C(list):
    pass


c = C([1, 2])
c.size = 2
C.size = property(lambda self: len(self))
try:
    c.size = 3
except AttributeError as e:
    print("AttributeError:", e)
print(c.size)


class Typed:
    """A data descriptor written in Python: it wins over the instance dict."""

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return ("typed", obj.__dict__.get(self.name))

    def __set__(self, obj, value):
        obj.__dict__[self.name] = int(value)


class Plain:
    """A non-data descriptor (only `__get__`): the instance dict wins."""

    def __get__(self, obj, objtype=None):
        return "plain"


class Account:
    balance = Typed()
    label = Plain()

    def __init__(self):
        self.balance = "10"

    def show(self):
        return self.balance, self.label


a = Account()
a.__dict__["balance"] = "shadow"
a.__dict__["label"] = "own label"
print(a.balance, a.label, a.show(), sorted(a.__dict__))
for _ in range(3):
    print(a.show()[0])


class Base:
    pass


class Derived(Base):
    pass


d = Derived()
d.y = "own"
setattr(Base, "y", property(lambda self: "via setattr"))
print(d.y, getattr(d, "y"))
del Base.y
print(d.y)
