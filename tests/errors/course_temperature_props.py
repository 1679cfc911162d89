class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9

    kelvin = property(lambda self: self._c + 273.15, doc="in kelvin")

    def __repr__(self):
        return f"Temperature({self._c:.2f}°C)"


class Positive:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError(f"{self.name[1:]} must be > 0, not {value}")
        setattr(obj, self.name, value)


class Box:
    width = Positive()
    height = Positive()

    def __init__(self, w, h):
        self.width, self.height = w, h

    @property
    def area(self):
        return self.width * self.height


t = Temperature(25)
print(t, t.fahrenheit, round(t.kelvin, 2), Temperature.kelvin.__doc__)
t.fahrenheit = 212
print(t.celsius, t)
for bad in (-300, -273.15):
    try:
        t.celsius = bad
        print("ok", t)
    except ValueError as e:
        print("ValueError:", e)
del t.celsius
print(hasattr(t, "_c"))
try:
    t.kelvin = 3
except AttributeError as e:
    print(e)
b = Box(3, 4)
print(b.area, b.width, vars(b), type(Box.width).__name__)
try:
    b.height = 0
except ValueError as e:
    print(e)
print(isinstance(Temperature.celsius, property), Temperature.fahrenheit.fget.__name__)
class Cached:
    def __init__(self):
        self.computed = 0
    @property
    def value(self):
        self.computed += 1
        return 42
import functools
class Lazy:
    @functools.cached_property
    def data(self):
        print("computing")
        return [1, 2, 3]
l = Lazy()
print(l.data, l.data, "data" in vars(l))
c = Cached(); c.value; c.value
print(c.computed)
try:
    print(t.celsius)
except AttributeError as e:
    print("AttributeError:", e)
t.fahrenheit = -1000
