# type(name, bases, dict): the three-argument form.
def init(self, x):
    self.x = x


Point = type("Point", (), {"__init__": init, "double": lambda self: self.x * 2, "kind": "pt"})
p = Point(21)
print(p.x, p.double(), Point.kind, Point.__name__, Point.__qualname__, Point.__module__)
print(Point, type(p), Point.__bases__, Point.__mro__)

Base = type("Base", (object,), {"greet": lambda self: "hi from " + type(self).__name__})
Child = type("Child", (Point, Base), {})
c = Child(5)
print(c.greet(), c.double(), isinstance(c, Base), Child.__mro__)


class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = mcls.__name__
        return super().__new__(mcls, name, bases, ns)


M1 = Meta("M1", (), {})
print(M1.made_by, type(M1).__name__)
Sub = type("Sub", (M1,), {"extra": 1})
print(type(Sub).__name__, Sub.made_by, Sub.extra)
print(type(type), type(Point), type(M1))

for bad in [("X", [], {}), ("X", (), []), (3, (), {})]:
    try:
        type(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    type("X", (3,), {})
except TypeError as e:
    print("TypeError:", e)
