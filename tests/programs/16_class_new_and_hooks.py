class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"
print(Box[int])
class Single:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
            print("new", a)
        return cls._inst
    def __init__(self, v):
        self.v = v
a = Single(1); b = Single(2)
print(a is b, a.v)
class Pos:
    def __new__(cls, x):
        if x < 0:
            return "negative"
        return object.__new__(cls)
    def __init__(self, x):
        self.x = x
print(Pos(-1), Pos(3).x)
class MyErr(KeyError, ValueError):
    pass
try:
    raise MyErr("k")
except ValueError as e:
    print(repr(e), MyErr.__mro__)
class Mixin:
    def describe(self):
        return "mixin " + str(self.args)
class AppError(Mixin, Exception):
    pass
e = AppError(1, 2)
print(e.describe(), isinstance(e, Exception), e)
class M(type):
    def __getattr__(cls, name):
        return name * 2
class K(metaclass=M): pass
print(K.ab, type(K), repr(K))
class A:
    def f(self): return "A"
class B(A):
    def f(self): return "B" + super().f()
class C(A):
    def f(self): return "C" + super().f()
class D(B, C):
    def f(self): return "D" + super().f()
print(D().f(), super(B, D()).f())
print(D.__dict__.get('f') is not None, A.__subclasses__())
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 42}
class P(metaclass=Meta):
    def __init_subclass__(cls, **kw): pass
print(P.injected)
class IC(type):
    def __instancecheck__(cls, obj):
        return obj == 3
    def __subclasscheck__(cls, sub):
        return sub is int
class Three(metaclass=IC): pass
print(isinstance(3, Three), isinstance(4, Three), issubclass(int, Three), issubclass(str, Three))
print(type(Three).__name__, Three.__class__.__name__)
class Desc:
    def __get__(self, obj, owner): return ("get", owner.__name__)
class HasD:
    d = Desc()
print(HasD().d, HasD.d)
class NS:
    __slots__ = ()
try:
    NS().x = 1
except AttributeError as e:
    print(e)
print(object.__subclasses__ is not None)
