# An AttributeError from a property without a setter, getter or deleter names the property
# as its class gave it (__set_name__), and the object's type by qualified name.
class Celsius:
    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    kelvin = property(lambda self: self._c + 273.15, doc="in kelvin")
    hidden = property(None)


class Outer:
    class Inner:
        @property
        def x(self):
            return 1


class Later:
    pass


Later.y = property(lambda self: 2)
t = Celsius(25)
attempts = [
    lambda: setattr(t, "celsius", 3),
    lambda: setattr(t, "kelvin", 3),
    lambda: delattr(t, "kelvin"),
    lambda: t.hidden,
    lambda: setattr(Outer.Inner(), "x", 2),
    lambda: setattr(Later(), "y", 2),
]
for f in attempts:
    try:
        f()
    except AttributeError as e:
        print(e)
print(Celsius.kelvin.__doc__, Later().y, Celsius.celsius.setter(lambda s, v: None).fset is not None)
print(Celsius.celsius.__set_name__(Celsius, "renamed"))
try:
    t.celsius = 1
except AttributeError as e:
    print(e)
