class Circle:
    pi = 3.14159

    def __init__(self, r):
        self._r = r

    @property
    def radius(self):
        return self._r

    @radius.setter
    def radius(self, v):
        if v < 0:
            raise ValueError("radius must be non-negative")
        self._r = v

    @property
    def area(self):
        return round(self.pi * self._r ** 2, 3)

    @staticmethod
    def unit_area():
        return Circle.pi

    @classmethod
    def from_diameter(cls, d):
        return cls(d / 2)

    @classmethod
    def describe(cls):
        return f"class {cls.__name__}"

c = Circle(2)
print(c.radius, c.area)
c.radius = 3
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError:", e)
print(Circle.unit_area(), c.unit_area())
d = Circle.from_diameter(10)
print(type(d).__name__, d.radius, d.area)
print(Circle.describe(), c.describe())

class Sub(Circle):
    pass

print(Sub.describe(), type(Sub.from_diameter(4)).__name__)

class Temperature:
    def __init__(self):
        self._c = 0
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9
    @property
    def celsius(self):
        return self._c

t = Temperature()
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
try:
    t.celsius = 5
except AttributeError as e:
    print("AttributeError")

class MathUtil:
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def clamp(v, lo=0, hi=10):
        return max(lo, min(hi, v))

print(MathUtil.add(2, 3), MathUtil.clamp(15), MathUtil.clamp(-3), MathUtil().clamp(5, hi=4))

class Registry:
    items = []
    @classmethod
    def register(cls, x):
        cls.items.append(x)
        return len(cls.items)

print(Registry.register("a"), Registry.register("b"), Registry.items)
