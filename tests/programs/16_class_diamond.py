# Diamond inheritance: C3 order, cooperative super() with keyword arguments.
class Base:
    def __init__(self, **kw):
        self.log = ["Base"]
        self.extra = kw

    def who(self):
        return ["Base"]


class Left(Base):
    def __init__(self, left=0, **kw):
        super().__init__(**kw)
        self.log.append("Left")
        self.left = left

    def who(self):
        return ["Left"] + super().who()


class Right(Base):
    def __init__(self, right=0, **kw):
        super().__init__(**kw)
        self.log.append("Right")
        self.right = right

    def who(self):
        return ["Right"] + super().who()


class Bottom(Left, Right):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Bottom")

    def who(self):
        return ["Bottom"] + super().who()


b = Bottom(left=1, right=2, colour="red")
print(b.log)
print(b.left, b.right, b.extra)
print(b.who())
print([c.__name__ for c in Bottom.__mro__])
print(Bottom.mro() == list(Bottom.__mro__))
print(Bottom.__bases__, Bottom.__base__)
print(isinstance(b, Right), isinstance(b, Left), issubclass(Bottom, Right))
print(issubclass(Right, Left), issubclass(Bottom, (int, Base)))
print(super(Left, b).who())
print(super(Right, b).who())
print(super(Bottom, Bottom).who(b))


# A deeper graph: CPython's textbook example.
class O: pass
class F(O): pass
class E(O): pass
class D(O): pass
class C(D, F): pass
class B(D, E): pass
class A(B, C): pass
print([k.__name__ for k in A.__mro__])


# Attribute lookup follows the MRO, and a change to any class of it is seen.
class X:
    tag = "X"
class Y:
    tag = "Y"
    def hello(self):
        return "Y.hello"
class Z(X, Y):
    pass
z = Z()
for _ in range(3):
    print(z.tag, z.hello())
Y.hello = lambda self: "patched"
X.tag = "X2"
print(z.tag, z.hello())
X.hello = lambda self: "X.hello"
print(z.hello())
del X.hello
print(z.hello())
