import weakref
class A: pass
class S:
    __slots__ = ("x",)
class SW:
    __slots__ = ("x", "__weakref__")
r = weakref.ref(A())
print(type(r), isinstance(r, weakref.ref), isinstance(r, weakref.ReferenceType), repr(r).split(";")[1])
try:
    weakref.ref(S())
except TypeError as e:
    print(e)
print(weakref.ref(SW()) is not None)
class I(int): pass
class T(tuple): pass
for v in (I(3), T(), frozenset()):
    try:
        print(weakref.ref(v) is not None)
    except TypeError as e:
        print(e)
