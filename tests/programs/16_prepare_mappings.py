import enum
from enum import Enum, IntEnum, Flag, auto

class Log(dict):
    def __setitem__(self, k, v):
        print("set", k, repr(v) if isinstance(v, (int, str, dict)) else type(v).__name__)
        super().__setitem__(k, v)
    def __getitem__(self, k):
        print("get", k)
        return super().__getitem__(k)
    def __delitem__(self, k):
        print("del", k)
        super().__delitem__(k)

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return Log()
    def __new__(mcls, name, bases, ns, **kw):
        print("new", type(ns).__name__, sorted(ns))
        return super().__new__(mcls, name, bases, ns)

class A(metaclass=Meta, flag=1):
    x = 1
    y = x + 1
    z = len
    del y
    def f(self):
        return __class__
    w: int = 3

print(A.x, A.z, A.w, A().f() is A, A.__annotations__)

class Names:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        print("Names set", k)
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]

class M2(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return Names()
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, dict(ns.d))

class B(metaclass=M2):
    a = 1
    b = a * 10
    print(type(locals()).__name__, sorted(locals().d))
print(B.a, B.b, B.__qualname__)

class M3(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return Names()
try:
    class C(metaclass=M3):
        a = 1
except TypeError as e:
    print("TypeError:", e)

class M4(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 5
try:
    class D(metaclass=M4):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Color(Enum):
        RED = 1
        RED = 2
except TypeError as e:
    print("TypeError:", e)

try:
    class Color(Enum):
        RED = 1
        def RED(self): pass
except TypeError as e:
    print("TypeError:", e)
class Desc:
    def __get__(self, obj, owner=None):
        return 42
    def __repr__(self):
        return "Desc()"
try:
    class Color(Enum):
        RED = Desc()
        RED = 1
except TypeError as e:
    print("TypeError:", e)
try:
    class Color(Enum):
        _bad_ = 1
except ValueError as e:
    print("ValueError:", e)

class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RW = R | W
print(list(Perm), Perm.RW)

class Shape(IntEnum):
    _ignore_ = 'tmp'
    SQUARE = 2
    tmp = 5
    CIRCLE = 3
print(list(Shape))
try:
    class Bad(Enum):
        A = 1
        _ignore_ = ['A']
except ValueError as e:
    print("ValueError:", e)

class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def ratio(self):
        return self.mass / self.radius
print(Planet.MARS, Planet.EARTH.mass, round(Planet.MARS.ratio))
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal))
