class Base:
    registry = []
    count = 0

    def __init__(self, name):
        self.name = name
        Base.count += 1
        type(self).registry.append(name)

    def kind(self):
        return type(self).__name__

class A(Base):
    registry = []

class B(Base):
    pass

class C(A):
    def kind(self):
        return "C<" + super().kind() + ">"

objs = [A("a1"), B("b1"), C("c1"), A("a2"), Base("base")]
print([o.kind() for o in objs])
print(Base.registry, A.registry, B.registry is Base.registry, C.registry is A.registry)
print(Base.count, A.count, C.count)
print([isinstance(o, A) for o in objs])
print([type(o) is A for o in objs])
print(issubclass(C, A), issubclass(C, Base), issubclass(A, C), issubclass(B, (A, C)), issubclass(C, (B, A)))
print(isinstance(objs[2], (B, C)), isinstance(3, (str, float)), isinstance(3, (int, str)))
print(hasattr(A, "kind"), hasattr(A("tmp"), "name"), getattr(C, "registry") is A.registry)
print(type(objs[0]) == A, type(objs[0]) != Base)
class Shape:
    sides = 0
class Tri(Shape):
    sides = 3
class Quad(Shape):
    sides = 4
class Sq(Quad):
    pass
print([cls.sides for cls in (Shape, Tri, Quad, Sq)], Sq().sides)
Quad.sides = 40
print(Sq.sides, Tri.sides)
print(type(Sq).__name__, type(Sq()).__name__, str(type(1.5)), str(type(A)))
print(repr(int), repr(str), int, type(None))
